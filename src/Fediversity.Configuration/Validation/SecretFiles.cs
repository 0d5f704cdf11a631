namespace Fediversity.Configuration.Validation;

/// <summary>
/// Checks that a file that should hold a secret is there and not empty, without ever reading it:
/// the secret stays out of memory and out of every message.
/// </summary>
internal static class SecretFiles
{
    /// <summary>What is wrong with the secret file at <paramref name="path"/>, or null when it is usable.</summary>
    public static string? Explain(string path, string baseDirectory, string holding)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return $"must name the file that holds {holding}";
        }

        var full = Path.GetFullPath(path, baseDirectory);
        if (Directory.Exists(full))
        {
            return $"'{path}' is a folder (at {full}); name the file that holds {holding}";
        }

        if (!File.Exists(full))
        {
            return $"the file '{path}' does not exist (looked for {full}); create it holding {holding}, "
                + "or correct the path, which is read from the environment file's folder";
        }

        return new FileInfo(full).Length == 0
            ? $"the file '{path}' is empty; write {holding} into it"
            : null;
    }
}
