using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Host;

/// <summary>
/// Writes files on a machine so that no reader ever sees them half written or with loose permissions: the
/// content goes over standard input into a private temporary file beside the target, which gets its owner,
/// group and mode and is then renamed over the target.
/// </summary>
internal static class RemoteFiles
{
    /// <summary>
    /// Writes the file. Returns false when its owner or group does not exist yet (the switch makes them): the
    /// file is then root's, with its mode, until <see cref="ChownAsync"/> gives it to its owner.
    /// </summary>
    public static async Task<bool> WriteAsync(
        SshConnection ssh, SecretFile file, string directoryMode, IStepReporter reporter, CancellationToken ct)
    {
        var path = ShellQuote.Quote(file.Path);
        var owner = ShellQuote.Quote(file.Owner);
        var group = ShellQuote.Quote(file.Group);
        var script = string.Join('\n',
            "set -eu",
            $"target={path}",
            "dir=$(dirname -- \"$target\")",
            $"[ -d \"$dir\" ] || (umask 022 && install -d -m {directoryMode} -- \"$dir\")",
            "umask 077",
            "tmp=$(mktemp -- \"$dir/.fediversity.XXXXXXXX\")",
            "trap 'rm -f -- \"$tmp\"' EXIT",
            "cat > \"$tmp\"",
            $"chmod {file.Mode} -- \"$tmp\"",
            $"if getent passwd {owner} >/dev/null && getent group {group} >/dev/null; then",
            $"  chown {owner}:{group} -- \"$tmp\"; owned=yes",
            "else",
            "  chown 0:0 -- \"$tmp\"; owned=no",
            "fi",
            "mv -f -- \"$tmp\" \"$target\"",
            "trap - EXIT",
            "echo \"owned=$owned\"");

        var result = await ssh.RunCheckedAsync(script, $"writing {file.Path}", reporter, ct, file.Content);
        return result.Output.Contains("owned=yes", StringComparison.Ordinal);
    }

    /// <summary>Gives files written before their owner existed to that owner.</summary>
    public static async Task ChownAsync(
        SshConnection ssh, IEnumerable<SecretFile> files, IStepReporter reporter, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var command = $"chown {ShellQuote.Quote(file.Owner)}:{ShellQuote.Quote(file.Group)} -- "
                + ShellQuote.Quote(file.Path);
            await ssh.RunCheckedAsync(command, $"giving {file.Path} to {file.Owner}", reporter, ct);
        }
    }

    /// <summary>Reads a file, or null when it is not there.</summary>
    public static async Task<string?> ReadAsync(
        SshConnection ssh, string path, IStepReporter reporter, CancellationToken ct)
    {
        var quoted = ShellQuote.Quote(path);
        var result = await ssh.RunAgainOnDropAsync($"if [ -f {quoted} ]; then cat -- {quoted}; else exit 3; fi",
            reporter, ct);
        return result.ExitStatus switch
        {
            0 => result.Output,
            3 => null,
            _ => throw new ProviderException($"reading {path} failed: {result.Tail()}"),
        };
    }
}
