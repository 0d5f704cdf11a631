namespace Fediversity.Configurator.Nix;

/// <summary>Collects the secret files one rendering asks for, all read-only for their service's user.</summary>
internal sealed class SecretFileSet
{
    private const string OwnerOnlyMode = "0400";

    private readonly List<SecretFileSpec> _files = [];

    public IReadOnlyList<SecretFileSpec> Files => _files;

    /// <summary>A file holding one secret value and nothing else, not even a line break.</summary>
    /// <returns>The file's path.</returns>
    public string Value(string fileName, string user, SecretSource source) =>
        Add(fileName, user, [new SecretValuePart(source)]);

    /// <summary>An environment file with one <c>NAME='value'</c> line per secret.</summary>
    /// <returns>The file's path.</returns>
    public string Environment(string fileName, string user, IReadOnlyList<(string Name, SecretSource Source)> entries)
    {
        var parts = new List<SecretPart>();
        var pending = string.Empty;

        foreach (var (name, source) in entries)
        {
            parts.Add(new LiteralPart(pending + name + "='"));
            parts.Add(new SecretValuePart(source));
            pending = "'\n";
        }

        parts.Add(new LiteralPart(pending));
        return Add(fileName, user, parts);
    }

    private string Add(string fileName, string user, IReadOnlyList<SecretPart> content)
    {
        var path = NixosRenderer.SecretsFolder + "/" + fileName;

        // The services run as a user of the same name, in a group of the same name.
        _files.Add(new SecretFileSpec(path, user, user, OwnerOnlyMode, content));
        return path;
    }
}
