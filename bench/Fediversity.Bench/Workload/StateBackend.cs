using Fediversity.Bench.Harness;
using Fediversity.Orchestrator.State;

namespace Fediversity.Bench.Workload;

/// <summary>
/// A state store the benchmarks can run on, opened for a world in a folder of its own. Every benchmark runs
/// on any of them by name (<c>--store</c>).
/// </summary>
public sealed record StateBackend(string Name, Func<string, TimeProvider, CancellationToken, Task<StateStore>> Open)
{
    public static StateBackend Sqlite { get; } = new("sqlite", StateStore.OpenSqliteAsync);

    /// <summary>
    /// A database of its own on the benchmarks' PostgreSQL server (<see cref="BenchPostgres"/>), named after the
    /// world's folder; the key file lives in that folder.
    /// </summary>
    public static StateBackend Postgres { get; } = new("postgresql", async (folder, time, cancellationToken) =>
    {
        var server = await BenchPostgres.GetAsync(cancellationToken);
        Directory.CreateDirectory(folder);
        var database = "fedi_bench_" + Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(folder)));
        return await StateStore.OpenPostgresAsync(
            server.ConnectionTo(database), Path.Combine(folder, "state.key"), time, cancellationToken);
    });

    public static IReadOnlyList<StateBackend> All { get; } = [Sqlite, Postgres];

    public static StateBackend Named(string name) =>
        All.FirstOrDefault(b => b.Name == name)
        ?? throw new ArgumentException(
            $"--store: '{name}' is not a state store the benchmarks know; use one of: " +
            string.Join(", ", All.Select(b => b.Name)) + ".");
}
