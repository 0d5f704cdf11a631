namespace Fediversity.Configuration.Validation;

/// <summary>
/// The problems found so far. A field gets one explanation: a later check does not repeat a place
/// an earlier check already explained, except that it may replace a generic explanation (a
/// pattern or a limit from the schema) with a more precise one.
/// </summary>
internal sealed class ProblemSet
{
    private readonly List<Entry> entries = [];

    public bool IsEmpty => entries.Count == 0;

    public void Add(ValidationProblem problem, ProblemStage stage, bool replaceable = false)
    {
        var earlier = entries.Where(e => e.Problem.Path == problem.Path && e.Stage < stage).ToList();
        if (earlier.Any(e => !e.Replaceable))
        {
            return;
        }

        entries.RemoveAll(earlier.Contains);
        if (!entries.Any(e => e.Problem == problem))
        {
            entries.Add(new Entry(problem, stage, replaceable));
        }
    }

    public IReadOnlyList<ValidationProblem> ToList() => [.. entries.Select(e => e.Problem)];

    private sealed record Entry(ValidationProblem Problem, ProblemStage Stage, bool Replaceable);
}
