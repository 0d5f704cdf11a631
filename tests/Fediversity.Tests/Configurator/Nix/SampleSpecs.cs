using Fediversity.Configuration.Operator;
using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

/// <summary>Realistic host specs, one per application, as a small provider would produce them.</summary>
internal static class SampleSpecs
{
    public const string DeployKey =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc0bnRyZWFsa2V5Zm9ydGVzdHNvbmx5MDAwMDAwMDA fediversity-deploy";

    public static readonly ApplicationName[] Applications =
        [ApplicationName.Mastodon, ApplicationName.Pixelfed, ApplicationName.Peertube];

    public static NixosHostSpec For(ApplicationName application) => application switch
    {
        ApplicationName.Mastodon => Mastodon,
        ApplicationName.Pixelfed => Pixelfed,
        ApplicationName.Peertube => Peertube,
        _ => throw new ArgumentOutOfRangeException(nameof(application)),
    };

    /// <summary>Open sign-up, an authenticated relay on the submission port, media path-style on Garage.</summary>
    public static NixosHostSpec Mastodon { get; } = new(
        HostName: "acme-mastodon",
        Application: ApplicationName.Mastodon,
        Domain: "social.acme.example",
        Registrations: Registrations.Open,
        AcmeContact: "hostmaster@provider.example",
        DeployPublicKey: DeployKey,
        Smtp: new SmtpSpec("mail.provider.example", 587, "social@acme.example", "acme-social", HasPassword: true),
        Media: new S3Spec("https://s3.provider.example", "garage", "acme-mastodon-media"),
        Admin: new AdminAccount { Username = "acme_admin", Email = "admin@acme.example" },
        DisplayName: "ACME Community");

    /// <summary>Closed sign-up, a relay with TLS on port 465, media served from a separate public host.</summary>
    public static NixosHostSpec Pixelfed { get; } = new(
        HostName: "acme-pixelfed",
        Application: ApplicationName.Pixelfed,
        Domain: "photos.acme.example",
        Registrations: Registrations.Closed,
        AcmeContact: "hostmaster@provider.example",
        DeployPublicKey: DeployKey,
        Smtp: new SmtpSpec("mail.provider.example", 465, "photos@acme.example", "acme-photos", HasPassword: true),
        Media: new S3Spec(
            "https://s3.provider.example",
            "garage",
            "acme-pixelfed-media",
            PublicBaseUrl: "https://media.provider.example/acme-pixelfed-media"),
        Admin: new AdminAccount { Username = "acme_admin", Email = "admin@acme.example" },
        DisplayName: "ACME Photos");

    /// <summary>Closed sign-up, a relay inside the provider's network without login, Garage over plain
    /// HTTP inside, media public through the provider's web front.</summary>
    public static NixosHostSpec Peertube { get; } = new(
        HostName: "acme-peertube",
        Application: ApplicationName.Peertube,
        Domain: "video.acme.example",
        Registrations: Registrations.Closed,
        AcmeContact: "hostmaster@provider.example",
        DeployPublicKey: DeployKey,
        Smtp: new SmtpSpec("relay.provider.internal", 25, "video@acme.example", null, HasPassword: false),
        Media: new S3Spec(
            "http://garage.provider.internal:3900",
            "garage",
            "acme-peertube-media",
            PublicBaseUrl: "https://media.provider.example/acme-peertube-media"),
        Admin: new AdminAccount { Username = "root", Email = "admin@acme.example" },
        DisplayName: "ACME Video");
}
