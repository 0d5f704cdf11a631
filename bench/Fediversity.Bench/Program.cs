using System.Globalization;
using System.Text.Json;
using Fediversity.Bench.CriticalPath;
using Fediversity.Bench.Fleet;
using Fediversity.Bench.Harness;
using Fediversity.Bench.LiveProgress;
using Fediversity.Bench.Reporting;
using Fediversity.Bench.Workers;

namespace Fediversity.Bench;

/// <summary>
/// <c>fedi-bench [OPTIONS]</c> runs the benchmarks, prints each figure beside its target and writes them
/// as JSON; the workers benchmark starts panels (<c>fedipanel</c>) as its worker processes;
/// <c>fedi-bench fleet-child --operators N --result FILE [OPTIONS]</c> is one fleet size in a
/// process of its own, started by the first.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            return args is ["fleet-child", .. var rest]
                ? await FleetChildAsync(rest, stop.Token)
                : await RunAsync(BenchOptions.Parse(args), Console.Out, stop.Token);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }

    public static async Task<int> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = new List<Figure>();
        var criticalPath = new List<CriticalPathResult>();
        var fleet = new List<FleetResult>();
        IReadOnlyList<WorkersResult> workers = [];

        try
        {
            foreach (var store in options.Stores)
            {
                if (options.Benchmarks.Contains("critical-path"))
                {
                    var result = await CriticalPathBenchmark.RunAsync(options.On(store), log, cancellationToken);
                    criticalPath.Add(result);
                    figures.AddRange(Targets.Of(result));
                }

                if (options.Benchmarks.Contains("fleet"))
                {
                    var results = await FleetBenchmark.RunAsync(options.On(store), log, cancellationToken);
                    fleet.AddRange(results);
                    figures.AddRange(Targets.Of(results));
                }
            }

            // The job queue is shared by worker processes only over PostgreSQL, whatever --store says.
            if (options.Benchmarks.Contains("workers"))
            {
                workers = await WorkersBenchmark.RunAsync(options, log, cancellationToken);
                figures.AddRange(Targets.Of(workers));
            }
        }
        finally
        {
            await BenchPostgres.StopIfStartedAsync();
        }

        LiveProgressResult? liveProgress = null;
        if (options.Benchmarks.Contains("live-progress"))
        {
            liveProgress = await LiveProgressBenchmark.RunAsync(options, log, cancellationToken);
            figures.AddRange(Targets.Of(liveProgress));
        }

        var report = new BenchReport(
            DateTimeOffset.UtcNow, Machine.Current(), figures, criticalPath, fleet, workers)
        {
            LiveProgress = liveProgress,
        };
        ResultTable.Write(report, log);

        var folder = Path.GetDirectoryName(Path.GetFullPath(options.Output))!;
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(report, ReportJson.Options) + "\n",
            cancellationToken);
        log.WriteLine($"written to {options.Output}");
        return 0;
    }

    private static async Task<int> FleetChildAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        int? operators = null;
        string? result = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--operators" when i + 1 < args.Count:
                    operators = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--result" when i + 1 < args.Count:
                    result = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (operators is not > 0 || result is null)
        {
            throw new ArgumentException("fleet-child: give --operators N (at least 1) and --result FILE.");
        }

        FleetResult measured;
        try
        {
            measured = await FleetRun.RunAsync(BenchOptions.Parse(rest), operators.Value, Console.Out,
                cancellationToken);
        }
        finally
        {
            await BenchPostgres.StopIfStartedAsync();
        }

        await File.WriteAllTextAsync(result, JsonSerializer.Serialize(measured, ReportJson.Options), cancellationToken);
        return 0;
    }
}
