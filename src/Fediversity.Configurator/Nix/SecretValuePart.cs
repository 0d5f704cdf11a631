namespace Fediversity.Configurator.Nix;

/// <summary>A secret value filled in at deployment, never written into the configuration.</summary>
/// <param name="Source">Which secret goes here.</param>
public sealed record SecretValuePart(SecretSource Source) : SecretPart;
