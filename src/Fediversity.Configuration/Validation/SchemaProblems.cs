using System.Text.Json;
using Fediversity.Configuration.Schema;
using Json.Schema;

namespace Fediversity.Configuration.Validation;

/// <summary>
/// Evaluates a document against its schema and explains each failing keyword in words: the keyword
/// says what kind of mistake it is, the schema says what was expected, the document what was found.
/// </summary>
internal static class SchemaProblems
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    public static void Collect(CompiledSchema schema, JsonElement document, ProblemSet problems)
    {
        var results = schema.Evaluator.Evaluate(document, Options);
        if (results.IsValid)
        {
            return;
        }

        foreach (var result in (IEnumerable<EvaluationResults>)[results, .. results.Details ?? []])
        {
            if (result.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var evaluation = DocumentPath.Segments(result.EvaluationPath.ToString());
            if (InsideCondition(evaluation))
            {
                continue;
            }

            var failure = new SchemaFailure(schema.Document, evaluation, document, result.InstanceLocation.ToString());
            foreach (var (keyword, fallback) in errors)
            {
                foreach (var (problem, replaceable) in SchemaMessages.Explain(failure, keyword, fallback))
                {
                    problems.Add(problem, ProblemStage.Schema, replaceable);
                }
            }
        }
    }

    /// <summary>An <c>if</c> that fails only chooses a branch; it is not a mistake in the document.</summary>
    private static bool InsideCondition(IReadOnlyList<string> evaluation)
    {
        for (var i = 0; i < evaluation.Count; i++)
        {
            if (evaluation[i] == "if" && (i == 0 || evaluation[i - 1] != "properties"))
            {
                return true;
            }
        }

        return false;
    }
}
