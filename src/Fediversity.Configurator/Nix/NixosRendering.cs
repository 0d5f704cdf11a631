namespace Fediversity.Configurator.Nix;

/// <summary>A rendered NixOS configuration and the secret files it reads by path.</summary>
/// <param name="Configuration">The <c>configuration.nix</c> text. It holds no secret.</param>
/// <param name="SecretFiles">Files the machine must receive before switching.</param>
public sealed record NixosRendering(string Configuration, IReadOnlyList<SecretFileSpec> SecretFiles);
