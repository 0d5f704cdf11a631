using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator.Nix;

/// <summary>PeerTube through nixpkgs' <c>services.peertube</c>, with its PostgreSQL, Redis and nginx.</summary>
internal static class PeertubeSection
{
    private const string User = "peertube";

    /// <summary>The kinds of files PeerTube keeps in object storage, each under its own prefix of the one
    /// bucket.</summary>
    private static readonly string[] StoredKinds =
        ["streaming_playlists", "web_videos", "user_exports", "original_video_files"];

    private static readonly (string, SecretSource)[] EnvironmentSecrets =
    [
        ("PT_INITIAL_ROOT_PASSWORD", SecretSource.AdminPassword),
        ("AWS_ACCESS_KEY_ID", SecretSource.S3AccessKeyId),
        ("AWS_SECRET_ACCESS_KEY", SecretSource.S3SecretAccessKey),
    ];

    public static void Write(NixWriter nix, NixosHostSpec spec, SecretFileSet secrets)
    {
        nix.Open("services.peertube");
        nix.Bool("enable", true);
        nix.String("localDomain", spec.Domain);
        nix.Int("listenWeb", 443);
        nix.Bool("enableWebHttps", true);
        nix.Bool("configureNginx", true);
        nix.Bool("database.createLocally", true);
        nix.Bool("redis.createLocally", true);
        nix.String("secrets.secretsFile", secrets.Value("peertube-secret", User, SecretSource.ApplicationSecret));
        nix.Blank();

        nix.Comment("The first start creates the root account with this password; S3 keys come along.");
        nix.String("serviceEnvironmentFile", secrets.Environment("peertube.env", User, EnvironmentSecrets));
        nix.Bool("smtp.createLocally", false);
        if (spec.Smtp.HasPassword)
        {
            nix.String("smtp.passwordFile", secrets.Value("peertube-smtp-password", User, SecretSource.SmtpPassword));
        }

        nix.Blank();

        WriteSettings(nix, spec);
        nix.Close();
        nix.Blank();

        nix.Comment("PeerTube's module leaves TLS of its virtual host to us.");
        nix.Open(NixString.AttributePath("services", "nginx", "virtualHosts", spec.Domain));
        nix.Bool("enableACME", true);
        nix.Bool("forceSSL", true);
        nix.Close();
    }

    private static void WriteSettings(NixWriter nix, NixosHostSpec spec)
    {
        var open = spec.Registrations == Registrations.Open;
        var smtp = spec.Smtp;

        nix.Open("settings");
        nix.String("admin.email", spec.Admin.Email);
        if (spec.DisplayName is not null)
        {
            nix.String("instance.name", spec.DisplayName);
        }

        nix.Bool("signup.enabled", open);
        nix.Bool("signup.requires_approval", !open);
        nix.Blank();

        nix.Open("smtp");
        nix.String("transport", "smtp");
        nix.String("hostname", smtp.Host);
        nix.Int("port", smtp.Port);
        nix.OptionalString("username", smtp.HasPassword ? SmtpLogin.Require(smtp) : smtp.Username);
        nix.Bool("tls", SmtpLogin.ImplicitTls(smtp));
        nix.Bool("disable_starttls", false);
        nix.String("from_address", smtp.FromAddress);
        nix.Close();
        nix.Blank();

        WriteObjectStorage(nix, spec.Media);
        nix.Close();
    }

    private static void WriteObjectStorage(NixWriter nix, S3Spec media)
    {
        var s3 = S3Location.From(media);

        nix.Open("object_storage");
        nix.Bool("enabled", true);
        nix.String("endpoint", s3.EndpointUrl);
        nix.String("region", media.Region);

        // Garage answers path-style requests and sets no ACLs; releases without the path-style key ignore it.
        nix.Bool("force_path_style", true);
        nix.Null("upload_acl.public");
        nix.Null("upload_acl.private");
        foreach (var kind in StoredKinds)
        {
            nix.Open(kind);
            nix.String("bucket_name", media.Bucket);
            nix.String("prefix", kind.Replace('_', '-') + "/");
            nix.String("base_url", s3.PublicBaseUrl);
            nix.Close();
        }

        nix.Close();
    }
}
