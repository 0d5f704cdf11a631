namespace Fediversity.Configurator.Nix;

/// <summary>One secret file: where it goes, who may read it, and what it holds.</summary>
/// <remarks>
/// Environment files put each value between single quotes, which systemd, bash and Laravel all read the
/// same way. A secret value must therefore hold no single quote and no line break; the secrets Fediversity
/// generates never do, but a password typed in by a person could, and would then break the file.
/// </remarks>
/// <param name="Path">The absolute path on the machine.</param>
/// <param name="Owner">The user that owns the file: the service that reads it.</param>
/// <param name="Group">The file's group.</param>
/// <param name="Mode">The octal permission bits, for example <c>0400</c>.</param>
/// <param name="Content">The file's text, in pieces.</param>
public sealed record SecretFileSpec(
    string Path,
    string Owner,
    string Group,
    string Mode,
    IReadOnlyList<SecretPart> Content);
