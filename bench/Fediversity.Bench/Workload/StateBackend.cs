using Fediversity.Orchestrator.State;

namespace Fediversity.Bench.Workload;

/// <summary>
/// A state store the benchmarks can run on, opened in a folder of its own. Another store (PostgreSQL)
/// is added here as one more entry; every benchmark then runs on it by name.
/// </summary>
public sealed record StateBackend(string Name, Func<string, TimeProvider, CancellationToken, Task<StateStore>> Open)
{
    public static StateBackend Sqlite { get; } = new("sqlite", StateStore.OpenSqliteAsync);

    public static IReadOnlyList<StateBackend> All { get; } = [Sqlite];

    public static StateBackend Named(string name) =>
        All.FirstOrDefault(b => b.Name == name)
        ?? throw new ArgumentException(
            $"--store: '{name}' is not a state store the benchmarks know; use one of: " +
            string.Join(", ", All.Select(b => b.Name)) + ".");
}
