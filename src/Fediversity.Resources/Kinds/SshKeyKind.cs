namespace Fediversity.Resources.Kinds;

/// <summary>A key pair Fediversity uses to reach the operator's machines.</summary>
public static class SshKeyKind
{
    public const string Kind = "ssh-key";

    // Inputs.
    public const string Comment = "comment";

    // Outputs.
    public const string PublicKey = "publicKey";
    public const string PrivateKey = "privateKey";
}
