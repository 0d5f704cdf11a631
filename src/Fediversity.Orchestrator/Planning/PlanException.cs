using System.Collections.Immutable;

namespace Fediversity.Orchestrator.Planning;

/// <summary>The plan cannot be made: a change the providers refuse, such as shrinking a disk.</summary>
public sealed class PlanException : Exception
{
    public PlanException()
        : this([])
    {
    }

    public PlanException(string message)
        : this([message])
    {
    }

    public PlanException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public PlanException(ImmutableArray<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, each a sentence that says what to do.</summary>
    public ImmutableArray<string> Problems { get; }
}
