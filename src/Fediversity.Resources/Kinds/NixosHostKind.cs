namespace Fediversity.Resources.Kinds;

/// <summary>The NixOS configuration of one machine, pushed to it and switched to.</summary>
public static class NixosHostKind
{
    public const string Kind = "nixos-host";

    // Inputs.
    public const string HostName = "hostName";
    public const string Address = "address";
    public const string HostKey = "hostKey";
    public const string PrivateKey = "privateKey";
    public const string Configuration = "configuration";

    /// <summary>A map from absolute path on the machine to file content; every content is a secret.</summary>
    public const string SecretFiles = "secretFiles";

    /// <summary>A map from the same paths to <c>owner:group:mode</c>, for example <c>mastodon:mastodon:0400</c>.</summary>
    public const string SecretFileModes = "secretFileModes";

    // Outputs.
    public const string ConfigurationHash = "configurationHash";
}
