using System.Diagnostics.CodeAnalysis;

namespace Fediversity.Configuration.Validation;

/// <summary>A loaded configuration document: either its model, or every problem found in it.</summary>
/// <typeparam name="T">The model the document describes.</typeparam>
public sealed record LoadResult<T>
    where T : class
{
    private LoadResult(T? value, IReadOnlyList<ValidationProblem> problems)
    {
        Value = value;
        Problems = problems;
    }

    /// <summary>The model, when the document had no problems.</summary>
    public T? Value { get; }

    /// <summary>Every problem found, in the order found; empty when the document is valid.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Whether the document was valid, so that <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    /// <summary>A valid document's model.</summary>
    internal static LoadResult<T> Success(T value) => new(value, []);

    /// <summary>An invalid document's problems; there is at least one.</summary>
    internal static LoadResult<T> Failure(IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("A failed load names at least one problem.", nameof(problems));
        }

        return new(null, problems);
    }
}
