using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator.Nix;

/// <summary>Mastodon through nixpkgs' <c>services.mastodon</c>, with its PostgreSQL, Redis and nginx.</summary>
internal static class MastodonSection
{
    private const string User = "mastodon";

    /// <summary>One streaming process is enough for the machine sizes Fediversity hands out.</summary>
    private const int StreamingProcesses = 1;

    private static readonly (string, SecretSource)[] S3Keys =
    [
        ("AWS_ACCESS_KEY_ID", SecretSource.S3AccessKeyId),
        ("AWS_SECRET_ACCESS_KEY", SecretSource.S3SecretAccessKey),
    ];

    public static void Write(NixWriter nix, NixosHostSpec spec, SecretFileSet secrets)
    {
        var s3 = S3Location.From(spec.Media);
        var s3Keys = secrets.Environment("mastodon-s3.env", User, S3Keys);

        nix.Open("services.mastodon");
        nix.Bool("enable", true);
        nix.String("localDomain", spec.Domain);
        nix.Bool("configureNginx", true);
        nix.Int("streamingProcesses", StreamingProcesses);
        nix.Bool("database.createLocally", true);
        nix.Bool("redis.createLocally", true);
        nix.Blank();

        WriteSmtp(nix, spec.Smtp, secrets);
        nix.Blank();

        nix.Comment("Media goes to S3; its keys come from a secret file.");
        nix.Open("extraConfig");
        nix.String("S3_ENABLED", "true");
        nix.String("S3_BUCKET", spec.Media.Bucket);
        nix.String("S3_ENDPOINT", s3.EndpointUrl);
        nix.String("S3_HOSTNAME", s3.HostName);
        nix.String("S3_REGION", spec.Media.Region);
        nix.String("S3_PROTOCOL", s3.Protocol);
        if (spec.Media.PublicBaseUrl is not null)
        {
            nix.String("S3_ALIAS_HOST", s3.PublicHostAndPath);
        }

        if (SmtpLogin.ImplicitTls(spec.Smtp))
        {
            nix.String("SMTP_TLS", "true");
            nix.String("SMTP_ENABLE_STARTTLS", "never");
        }

        nix.Close();
        nix.StringList("extraEnvFiles", [s3Keys]);
        nix.Close();
        nix.Blank();

        nix.Open(NixString.AttributePath("services", "nginx", "virtualHosts", spec.Domain));
        nix.Bool("enableACME", true);
        nix.Bool("forceSSL", true);
        nix.Close();
        nix.Blank();

        WriteRegistrations(nix, spec.Registrations);
    }

    private static void WriteSmtp(NixWriter nix, SmtpSpec smtp, SecretFileSet secrets)
    {
        nix.Open("smtp");
        nix.Bool("createLocally", false);
        nix.String("host", smtp.Host);
        nix.Int("port", smtp.Port);
        nix.String("fromAddress", smtp.FromAddress);
        nix.Bool("authenticate", smtp.HasPassword);
        if (smtp.HasPassword)
        {
            nix.String("user", SmtpLogin.Require(smtp));
            nix.String("passwordFile", secrets.Value("mastodon-smtp-password", User, SecretSource.SmtpPassword));
        }

        nix.Close();
    }

    /// <summary>Mastodon keeps its sign-up mode in its database, so a one-shot unit sets it with tootctl
    /// after the migrations. It runs again whenever the wanted mode changes, because its unit changes.</summary>
    private static void WriteRegistrations(NixWriter nix, Registrations registrations)
    {
        var mode = registrations == Registrations.Open ? "open" : "close";

        nix.Comment("Mastodon keeps its sign-up mode in the database: set it once the schema is there.");
        nix.Open("systemd.services.fediversity-mastodon-registrations");
        nix.String("description", "Set Mastodon's sign-up mode");
        nix.StringList("wantedBy", ["mastodon.target"]);
        nix.StringList("after", ["mastodon-init-db.service", "redis-mastodon.service"]);
        nix.StringList("requires", ["mastodon-init-db.service", "redis-mastodon.service"]);
        nix.String("serviceConfig.Type", "oneshot");
        nix.String("serviceConfig.User", User);
        nix.String("serviceConfig.Group", User);
        nix.String(
            "serviceConfig.ExecStart",
            "/run/current-system/sw/bin/mastodon-tootctl settings registrations " + mode);
        nix.Close();
    }
}
