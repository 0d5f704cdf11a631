using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.NixosSsh.Host;

/// <summary>A file the machine gets before it switches, with the owner, group and mode it must have.</summary>
internal sealed partial record SecretFile(string Path, string Content, string Owner, string Group, string Mode)
{
    /// <summary>The secret files of a request, each checked so that it can go into a shell command safely.</summary>
    public static IReadOnlyList<SecretFile> From(ResourceRequest request)
    {
        var contents = request.Inputs.GetValueOrDefault(NixosHostKind.SecretFiles) as MapValue;
        var modes = request.Inputs.GetValueOrDefault(NixosHostKind.SecretFileModes) as MapValue;
        var files = new List<SecretFile>();

        foreach (var (path, value) in contents?.Entries ?? ImmutableSortedDictionary<string, ResourceValue>.Empty)
        {
            var content = value switch
            {
                SecretValue s => s.Secret.Reveal(),
                TextValue t => t.Text,
                _ => throw new ProviderException($"secret file {path} has no content"),
            };
            var mode = modes?.Entries.GetValueOrDefault(path) is TextValue m ? m.Text : "root:root:0400";
            files.Add(Parse(path, content, mode));
        }

        return files;
    }

    /// <summary>Checks a path and an <c>owner:group:mode</c> such as <c>mastodon:mastodon:0400</c>.</summary>
    public static SecretFile Parse(string path, string content, string ownerGroupMode)
    {
        if (!SafePath().IsMatch(path) || path.Contains("/../", StringComparison.Ordinal))
        {
            throw new ProviderException(
                $"secret file path '{path}' must be absolute and use only letters, digits, '.', '_', '-' and '/'");
        }

        var parts = ownerGroupMode.Split(':');
        if (parts.Length != 3 || !SafeName().IsMatch(parts[0]) || !SafeName().IsMatch(parts[1])
            || !SafeMode().IsMatch(parts[2]))
        {
            throw new ProviderException(
                $"the mode of secret file {path} is '{ownerGroupMode}'; write it as owner:group:mode, "
                + "for example mastodon:mastodon:0400");
        }

        return new SecretFile(path, content, parts[0], parts[1], parts[2]);
    }

    // Secrets never print, not even through a record's generated ToString.
    public override string ToString() => $"{Path} ({Owner}:{Group} {Mode})";

    [GeneratedRegex("^/[A-Za-z0-9._/-]+$")]
    private static partial Regex SafePath();

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^0?[0-7]{3}$")]
    private static partial Regex SafeMode();
}
