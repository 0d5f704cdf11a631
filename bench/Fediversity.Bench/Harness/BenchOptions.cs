using System.Globalization;
using Fediversity.Bench.Workload;

namespace Fediversity.Bench.Harness;

/// <summary>What to run and how; every option has a default that gives the figures the README reports.</summary>
public sealed record BenchOptions
{
    private static readonly string[] Known = ["critical-path", "fleet", "live-progress", "workers"];

    /// <summary>
    /// Which benchmarks run: any of <c>critical-path</c>, <c>fleet</c>, <c>live-progress</c>, <c>workers</c>.
    /// </summary>
    public IReadOnlySet<string> Benchmarks { get; init; } = Known.ToHashSet();

    /// <summary>The factor the real services' latencies are multiplied by, in the runs that have them.</summary>
    public double Scale { get; init; } = 0.01;

    public int Warmups { get; init; } = 1;

    public int Repetitions { get; init; } = 5;

    /// <summary>The fleet sizes, in operators; each runs in a process of its own.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [100, 1_000, 10_000];

    /// <summary>How many operators are applied, or batches of operators planned, at once.</summary>
    public int OperatorParallelism { get; init; } = 8;

    /// <summary>How many timed passes of no-change plans over the whole fleet.</summary>
    public int PlanRepetitions { get; init; } = 3;

    /// <summary>How long one fleet size may apply before it stops starting operators, in seconds.</summary>
    public int BudgetSeconds { get; init; } = 900;

    /// <summary>How many clients watch deployments' progress in the live-progress run.</summary>
    public int Clients { get; init; } = 500;

    /// <summary>How many of those clients watch each deployment; the operators are the clients over this.</summary>
    public int WatchersPerDeployment { get; init; } = 5;

    /// <summary>How many deployments the panel runs at once in the live-progress run.</summary>
    public int PanelWorkers { get; init; } = 8;

    /// <summary>Whether each timed critical-path apply prints when each of its events arrived.</summary>
    public bool Trace { get; init; }

    /// <summary>The state stores every benchmark runs on, one after the other.</summary>
    public IReadOnlyList<StateBackend> Stores { get; init; } = StateBackend.All;

    /// <summary>The store of a run given one store (<see cref="On"/>).</summary>
    public StateBackend Store => Stores[0];

    /// <summary>These options for one of the stores.</summary>
    public BenchOptions On(StateBackend store) => this with { Stores = [store] };

    /// <summary>How many worker processes the workers benchmark runs with, one run each.</summary>
    public IReadOnlyList<int> WorkerCounts { get; init; } = [1, 2, 4];

    /// <summary>How many operators' deployments are queued at once in each workers run.</summary>
    public int Deployments { get; init; } = 200;

    /// <summary>How many deployments one worker process runs at once (the panel's <c>Panel:Workers</c>).</summary>
    public int WorkerConcurrency { get; init; } = 4;

    /// <summary>The factor the real services' latencies are multiplied by in the workers runs.</summary>
    public double WorkerScale { get; init; } = 0.2;

    /// <summary>The sandbox node's clone limit in the workers runs; 0 for every clone that can be in flight.</summary>
    public int ClonesPerNode { get; init; }

    /// <summary>
    /// The clone limit of the workers runs: as given, or else the most clones the largest run can have in flight
    /// (three machines for each deployment running), so that the node's slots never bound the workers.
    /// </summary>
    public int ClonesPerNodeFor(int mostWorkers) =>
        ClonesPerNode > 0 ? ClonesPerNode : 3 * WorkerConcurrency * mostWorkers;

    /// <summary>Where worlds are made and removed again.</summary>
    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "fedi-bench");

    /// <summary>Where the results go as JSON.</summary>
    public string Output { get; init; } = Path.Combine("bench", "results", "latest.json");

    /// <summary>Reads <c>--name value</c> pairs; a wrong one is an error naming the option.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count
                ? args[++i]
                : throw new ArgumentException($"{name}: give a value after it.");

            options = name switch
            {
                "--trace" => options with { Trace = true },
                "--only" => options with { Benchmarks = Value().Split(',').ToHashSet() },
                "--scale" => options with { Scale = Number(name, Value(), 1e-6, 1) },
                "--warmups" => options with { Warmups = (int)Number(name, Value(), 0, 100) },
                "--repetitions" => options with { Repetitions = (int)Number(name, Value(), 1, 1000) },
                "--sizes" => options with
                {
                    Sizes = [.. Value().Split(',').Select(s => (int)Number(name, s, 1, 1_000_000))],
                },
                "--operator-parallelism" => options with { OperatorParallelism = (int)Number(name, Value(), 1, 1024) },
                "--plan-repetitions" => options with { PlanRepetitions = (int)Number(name, Value(), 1, 100) },
                "--budget-seconds" => options with { BudgetSeconds = (int)Number(name, Value(), 1, 86_400) },
                "--clients" => options with { Clients = (int)Number(name, Value(), 1, 100_000) },
                "--watchers-per-deployment" => options with
                {
                    WatchersPerDeployment = (int)Number(name, Value(), 1, 10_000),
                },
                "--panel-workers" => options with { PanelWorkers = (int)Number(name, Value(), 1, 256) },
                "--store" => options with { Stores = [.. Value().Split(',').Select(StateBackend.Named).Distinct()] },
                "--workers" => options with
                {
                    WorkerCounts = [.. Value().Split(',').Select(s => (int)Number(name, s, 1, 64))],
                },
                "--deployments" => options with { Deployments = (int)Number(name, Value(), 1, 100_000) },
                "--worker-concurrency" => options with { WorkerConcurrency = (int)Number(name, Value(), 1, 256) },
                "--worker-scale" => options with { WorkerScale = Number(name, Value(), 1e-6, 1) },
                "--clones-per-node" => options with { ClonesPerNode = (int)Number(name, Value(), 1, 100_000) },
                "--work" => options with { WorkFolder = Value() },
                "--out" => options with { Output = Value() },
                _ => throw new ArgumentException(
                    $"{name}: not an option; the table of options is in README.md, under \"Benchmarks\"."),
            };
        }

        var unknown = options.Benchmarks.Except(Known).ToArray();
        return unknown.Length == 0
            ? options
            : throw new ArgumentException(
                $"--only: '{string.Join(",", unknown)}' is not a benchmark; use any of {string.Join(", ", Known)}.");
    }

    /// <summary>The options a fleet size's own process takes.</summary>
    public IEnumerable<string> ForChild() =>
    [
        "--store", Store.Name, "--work", WorkFolder, "--operator-parallelism", Text(OperatorParallelism),
        "--plan-repetitions", Text(PlanRepetitions), "--budget-seconds", Text(BudgetSeconds),
    ];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Number(string name, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
        value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name}: '{text}' is not a number from {min} to {max}.");
}
