using System.Text.Json;

namespace Fediversity.Configuration.Validation;

/// <summary>
/// Reads a document's <c>version</c> before anything else: a document from a newer Fediversity may
/// use fields this one does not know, so it is refused without further checks.
/// </summary>
internal static class VersionCheck
{
    private const string VersionPath = "$.version";

    /// <summary>Records any version problem; false when the document should be read no further.</summary>
    public static bool Check(JsonElement root, int current, ProblemSet problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(DocumentPath.Root, "the document must be a JSON object, starting with '{'"),
                ProblemStage.Version);
            return false;
        }

        if (!root.TryGetProperty("version", out var version))
        {
            problems.Add(new(VersionPath, $"missing 'version'; add \"version\": {current} at the top of the document"),
                ProblemStage.Version);
            return true;
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt64(out var number))
        {
            problems.Add(new(VersionPath, $"must be a whole number: {current} for this release of Fediversity"),
                ProblemStage.Version);
            return true;
        }

        if (number > current)
        {
            problems.Add(new(VersionPath, $"this document is version {number} but this Fediversity reads "
                + $"version {current}; upgrade Fediversity"), ProblemStage.Version);
            return false;
        }

        if (number < current)
        {
            problems.Add(new(VersionPath, $"version {number} is not a valid version; the first version is 1, "
                + $"and this Fediversity reads version {current}"), ProblemStage.Version);
        }

        return true;
    }
}
