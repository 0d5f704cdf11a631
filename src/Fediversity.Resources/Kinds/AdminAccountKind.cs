namespace Fediversity.Resources.Kinds;

/// <summary>An application's administrator account, made by the application's own tooling.</summary>
public static class AdminAccountKind
{
    public const string Kind = "admin-account";

    // Inputs.
    public const string Application = "application";
    public const string HostName = "hostName";
    public const string Address = "address";
    public const string Url = "url";
    public const string Username = "username";
    public const string Email = "email";
    public const string Password = "password";

    /// <summary>The machine's pinned SSH host key, for providers that reach it over SSH.</summary>
    public const string HostKey = "hostKey";

    /// <summary>The deploy key, for providers that reach the machine over SSH.</summary>
    public const string PrivateKey = "privateKey";

    // Outputs.
    public const string AccountId = "accountId";
}
