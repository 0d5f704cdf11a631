namespace Fediversity.Configurator.Nix;

/// <summary>Literal text in a secret file, such as <c>AWS_SECRET_ACCESS_KEY=</c>.</summary>
/// <param name="Text">The text, written as it is.</param>
public sealed record LiteralPart(string Text) : SecretPart;
