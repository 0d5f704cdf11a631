namespace Fediversity.Configurator.Nix;

/// <summary>The secrets a configuration can ask for.</summary>
public enum SecretSource
{
    /// <summary>The S3 access key id of the application's bucket.</summary>
    S3AccessKeyId,

    /// <summary>The S3 secret key of the application's bucket.</summary>
    S3SecretAccessKey,

    /// <summary>The SMTP relay password.</summary>
    SmtpPassword,

    /// <summary>The first administrator's password.</summary>
    AdminPassword,

    /// <summary>The application's own secret: Pixelfed's APP_KEY (<c>base64:</c> and 32 random bytes),
    /// PeerTube's secret (hexadecimal).</summary>
    ApplicationSecret,
}
