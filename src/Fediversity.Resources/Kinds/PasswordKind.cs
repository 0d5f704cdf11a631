namespace Fediversity.Resources.Kinds;

/// <summary>A generated password, kept encrypted in the state store.</summary>
public static class PasswordKind
{
    public const string Kind = "password";

    // Inputs.
    public const string Length = "length";

    /// <summary>A password the operator chose; when present it is used instead of a generated one.</summary>
    public const string Chosen = "chosen";

    /// <summary><c>alphanumeric</c> (the default), <c>hex</c>, or <c>laravel-key</c> (<c>base64:</c> and 32 random bytes).</summary>
    public const string Format = "format";

    // Outputs.
    public const string Value = "value";
}
