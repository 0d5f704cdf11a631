using System.Globalization;
using Fediversity.Bench.Workload;

namespace Fediversity.Bench.Harness;

/// <summary>What to run and how; every option has a default that gives the figures the README reports.</summary>
public sealed record BenchOptions
{
    /// <summary>Which benchmarks run: <c>critical-path</c>, <c>fleet</c>, or both.</summary>
    public IReadOnlySet<string> Benchmarks { get; init; } = new HashSet<string> { "critical-path", "fleet" };

    /// <summary>The factor the real services' latencies are multiplied by for the critical-path run.</summary>
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

    /// <summary>Whether each timed critical-path apply prints when each of its events arrived.</summary>
    public bool Trace { get; init; }

    public StateBackend Store { get; init; } = StateBackend.Sqlite;

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
                "--store" => options with { Store = StateBackend.Named(Value()) },
                "--work" => options with { WorkFolder = Value() },
                "--out" => options with { Output = Value() },
                _ => throw new ArgumentException($"{name}: not an option; see bench/run.sh for the options."),
            };
        }

        var unknown = options.Benchmarks.Except(["critical-path", "fleet"]).ToArray();
        return unknown.Length == 0
            ? options
            : throw new ArgumentException(
                $"--only: '{string.Join(",", unknown)}' is not a benchmark; use critical-path, fleet or both.");
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
