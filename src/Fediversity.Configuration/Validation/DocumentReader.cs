using System.Text.Json;
using Fediversity.Configuration.Json;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Validation;

/// <summary>
/// Reads one configuration document through every check: JSON syntax, version, schema, then the
/// rules on the model. All problems are gathered; the model is handed out only when there are none.
/// </summary>
internal static class DocumentReader
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static LoadResult<T> Read<T>(
        string json,
        CompiledSchema schema,
        int currentVersion,
        Func<T, T> complete,
        Func<T, IEnumerable<ValidationProblem>> rules)
        where T : class
    {
        var problems = new ProblemSet();
        using var document = Parse(json, problems);
        if (document is null || !VersionCheck.Check(document.RootElement, currentVersion, problems))
        {
            return LoadResult<T>.Failure(problems.ToList());
        }

        SchemaProblems.Collect(schema, document.RootElement, problems);

        var model = Deserialize<T>(document.RootElement, problems);
        if (model is not null)
        {
            model = complete(model);
            foreach (var problem in rules(model))
            {
                problems.Add(problem, ProblemStage.Rules);
            }
        }

        return problems.IsEmpty && model is not null
            ? LoadResult<T>.Success(model)
            : LoadResult<T>.Failure(problems.ToList());
    }

    private static JsonDocument? Parse(string json, ProblemSet problems)
    {
        try
        {
            return JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            problems.Add(new(DocumentPath.Root, $"the document is not valid JSON at line {line}, column {column}: "
                + $"{Reason(e)}; look for a missing comma, quote or bracket just before that place"),
                ProblemStage.Syntax);
            return null;
        }
    }

    /// <summary>
    /// Builds the model. A document that passed its schema is read strictly; one that did not is
    /// read leniently, so the rules can still point out mistakes the schema cannot see.
    /// Known shortcoming: when a value has the wrong type or a required field is missing, no model
    /// can be built, so the rules (shared subdomains, Mastodon user names, secret files) are not run
    /// and their problems only show once the schema's problems are fixed.
    /// </summary>
    private static T? Deserialize<T>(JsonElement root, ProblemSet problems)
        where T : class
    {
        var strict = problems.IsEmpty;
        try
        {
            return root.Deserialize<T>(strict ? ConfigurationJson.Options : ConfigurationJson.Lenient);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            if (strict)
            {
                problems.Add(new(PathOf(e), Reason(e)), ProblemStage.Schema);
            }

            return null;
        }
    }

    /// <summary>Where the serializer stopped; it gives the path in its message when not as a property.</summary>
    private static string PathOf(Exception e)
    {
        if (e is JsonException { Path: { } path })
        {
            return path;
        }

        const string marker = " Path: ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return DocumentPath.Root;
        }

        var rest = e.Message[(at + marker.Length)..];
        var end = rest.IndexOf(" |", StringComparison.Ordinal);
        return end < 0 ? rest.TrimEnd('.') : rest[..end];
    }

    /// <summary>The exception's own words, without the position it repeats at the end.</summary>
    private static string Reason(Exception e)
    {
        var message = e.Message;
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd(' ', '.');
    }
}
