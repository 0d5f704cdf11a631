namespace Fediversity.Configuration.Validation;

/// <summary>Which fields hold secrets, so that no message ever repeats their value.</summary>
internal static class SecretNames
{
    private static readonly string[] Markers = ["secret", "password", "token", "apikey"];

    /// <summary>Whether the field at <paramref name="path"/> holds a secret itself, not a file name.</summary>
    public static bool IsSecret(string path)
    {
        var name = DocumentPath.LastName(path);
        return !name.EndsWith("File", StringComparison.OrdinalIgnoreCase)
            && !name.EndsWith("Id", StringComparison.Ordinal)
            && Markers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));
    }
}
