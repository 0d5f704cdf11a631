namespace Fediversity.Configurator.Nix;

/// <summary>A piece of a secret file: literal text, or a secret Fediversity fills in.</summary>
public abstract record SecretPart;
