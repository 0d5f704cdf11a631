namespace Fediversity.Configurator.Nix;

/// <summary>A rendered NixOS configuration and the secret files it reads by path.</summary>
/// <param name="Configuration">The <c>configuration.nix</c> text. It holds no secret.</param>
/// <param name="SecretFiles">Files the machine must receive before switching.</param>
public sealed record NixosRendering(string Configuration, IReadOnlyList<SecretFileSpec> SecretFiles);

/// <summary>One secret file: where it goes, who may read it, and what it holds.</summary>
public sealed record SecretFileSpec(string Path, string Owner, string Group, string Mode, IReadOnlyList<SecretPart> Content);

/// <summary>A piece of a secret file: literal text, or a secret Fediversity fills in.</summary>
public abstract record SecretPart;

/// <summary>Literal text in a secret file, such as <c>AWS_SECRET_ACCESS_KEY=</c>.</summary>
public sealed record LiteralPart(string Text) : SecretPart;

/// <summary>A secret value filled in at deployment, never written into the configuration.</summary>
public sealed record SecretValuePart(SecretSource Source) : SecretPart;

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

    /// <summary>The application's own secret: Pixelfed's APP_KEY, PeerTube's secret.</summary>
    ApplicationSecret,
}
