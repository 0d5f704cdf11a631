using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator.Nix;

/// <summary>Pixelfed through nixpkgs' <c>services.pixelfed</c>, with its database, Redis and nginx.</summary>
internal static class PixelfedSection
{
    private const string User = "pixelfed";

    public static void Write(NixWriter nix, NixosHostSpec spec, SecretFileSet secrets)
    {
        var s3 = S3Location.From(spec.Media);
        var smtp = spec.Smtp;

        var secretEntries = new List<(string, SecretSource)>
        {
            ("APP_KEY", SecretSource.ApplicationSecret),
            ("AWS_ACCESS_KEY_ID", SecretSource.S3AccessKeyId),
            ("AWS_SECRET_ACCESS_KEY", SecretSource.S3SecretAccessKey),
        };
        if (smtp.HasPassword)
        {
            secretEntries.Add(("MAIL_PASSWORD", SecretSource.SmtpPassword));
        }

        nix.Open("services.pixelfed");
        nix.Bool("enable", true);
        nix.String("domain", spec.Domain);
        nix.String("secretFile", secrets.Environment("pixelfed.env", User, secretEntries));
        nix.Bool("redis.createLocally", true);
        nix.Bool("database.createLocally", true);

        // The module names MySQL its default and PostgreSQL poorly supported by Pixelfed; its local
        // PostgreSQL user would not even own the database. MariaDB is what it sets up well.
        nix.String("database.type", "mysql");
        nix.Open("nginx");
        nix.Bool("enableACME", true);
        nix.Bool("forceSSL", true);
        nix.Close();
        nix.Blank();

        nix.Open("settings");
        if (spec.DisplayName is not null)
        {
            nix.String("APP_NAME", DotenvValue.Quote(spec.DisplayName));
        }

        nix.Bool("OPEN_REGISTRATION", spec.Registrations == Registrations.Open);
        nix.Blank();

        nix.String("MAIL_DRIVER", "smtp");
        nix.String("MAIL_HOST", smtp.Host);
        nix.Int("MAIL_PORT", smtp.Port);
        nix.String("MAIL_ENCRYPTION", SmtpLogin.ImplicitTls(smtp) ? "ssl" : "tls");
        nix.String("MAIL_FROM_ADDRESS", smtp.FromAddress);
        nix.String("MAIL_FROM_NAME", DotenvValue.Quote(spec.DisplayName ?? spec.Domain));
        if (smtp.HasPassword)
        {
            nix.String("MAIL_USERNAME", SmtpLogin.Require(smtp));
        }

        nix.Blank();

        nix.Comment("Media goes to S3, addressed path-style as Garage wants; keys are in the secret file.");
        nix.Bool("PF_ENABLE_CLOUD", true);
        nix.String("FILESYSTEM_CLOUD", "s3");
        nix.String("AWS_DEFAULT_REGION", spec.Media.Region);
        nix.String("AWS_BUCKET", spec.Media.Bucket);
        nix.String("AWS_URL", s3.PublicBaseUrl);
        nix.String("AWS_ENDPOINT", s3.EndpointUrl);
        nix.Bool("AWS_USE_PATH_STYLE_ENDPOINT", true);
        nix.Close();
        nix.Close();
    }
}
