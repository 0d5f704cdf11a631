namespace Fediversity.Resources.Kinds;

/// <summary>A generated password, kept encrypted in the state store.</summary>
public static class PasswordKind
{
    public const string Kind = "password";

    // Inputs.
    public const string Length = "length";

    /// <summary>A password the operator chose; when present it is used instead of a generated one.</summary>
    public const string Chosen = "chosen";

    // Outputs.
    public const string Value = "value";
}
