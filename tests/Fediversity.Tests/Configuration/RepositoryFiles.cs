using Fediversity.Bench.Harness;

namespace Fediversity.Tests.Configuration;

/// <summary>
/// Files committed in the repository that are generated from code. Setting FEDI_UPDATE_SCHEMAS=1
/// while running the tests rewrites them instead of comparing.
/// </summary>
internal static class RepositoryFiles
{
    public const string UpdateVariable = "FEDI_UPDATE_SCHEMAS";

    public static string Root => Repository.Root;

    public static bool UpdateRequested => System.Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string HowToUpdate =>
        $"Regenerate with: {UpdateVariable}=1 dotnet test tests/Fediversity.Tests, then commit the result.";

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Replaces the text between the named start and end markers of a Markdown file.</summary>
    public static string ReplaceSection(string text, string name, string content)
    {
        var (start, end) = Markers(name);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            throw new InvalidOperationException($"The markers {start} and {end} are missing.");
        }

        return text[..(from + start.Length)] + "\n" + content.TrimEnd('\n') + "\n" + text[to..];
    }

    /// <summary>The text between the named markers, or null when they are missing.</summary>
    public static string? Section(string text, string name)
    {
        var (start, end) = Markers(name);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        return from < 0 || to < from ? null : text[(from + start.Length)..to].Trim('\n');
    }

    private static (string Start, string End) Markers(string name) =>
        ($"<!-- reference:{name}:start -->", $"<!-- reference:{name}:end -->");
}
