using System.Diagnostics;
using System.Globalization;
using Fediversity.Bench.CriticalPath;
using Fediversity.Bench.Harness;

namespace Fediversity.Bench.LiveProgress;

/// <summary>
/// The real panel, started from its built program on 127.0.0.1, runs a fleet's deployments on the sandbox with
/// the real services' latencies scaled down, while clients on loopback watch them over Server-Sent Events,
/// several per deployment as an operator's tabs and devices would. Each event's delivery latency is its arrival
/// at a client against the timestamp it was recorded with; the panel's memory is its process's VmHWM.
/// </summary>
public static class LiveProgressBenchmark
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(10);

    public static async Task<LiveProgressResult> RunAsync(
        BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var work = Directory.CreateDirectory(Path.Combine(options.WorkFolder, $"live-progress-{Guid.NewGuid():N}"));
        try
        {
            return await RunInAsync(options, work.FullName, log, cancellationToken);
        }
        finally
        {
            Directory.Delete(work.FullName, recursive: true);
        }
    }

    private static async Task<LiveProgressResult> RunInAsync(
        BenchOptions options, string work, TextWriter log, CancellationToken cancellationToken)
    {
        var operators = Math.Max(1, options.Clients / options.WatchersPerDeployment);
        var environment = Path.Combine(work, "environment.json");
        await File.WriteAllTextAsync(environment, EnvironmentJson(options.Scale), cancellationToken);
        log.WriteLine($"live progress: {options.Clients} clients watching {operators} deployments, panel with " +
            $"{options.PanelWorkers} workers on SQLite, latencies x {options.Scale}");

        await using var panel = await PanelProcess.StartAsync(Repository.Root,
        [
            "--Panel:DataDirectory=" + Path.Combine(work, "panel"),
            "--Panel:Environment=" + environment,
            "--Panel:Workers=" + options.PanelWorkers.ToString(CultureInfo.InvariantCulture),
            "--Panel:RefreshMinutes=0",
            "--Logging:LogLevel:Default=Warning",
        ], Startup, cancellationToken);
        log.WriteLine($"  panel {panel.Id} answers on {panel.Address}");

        var sessions = await SignUpAsync(panel.Address, operators, options.OperatorParallelism, cancellationToken);
        try
        {
            log.WriteLine($"  {operators} operators signed up and configured; deploying and watching");
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(TimeSpan.FromSeconds(options.BudgetSeconds));
            var cpuBefore = panel.ProcessorSeconds();
            var stopwatch = Stopwatch.StartNew();
            var watchers = await DeployAndWatchAsync(sessions, options, log, budget.Token);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            return Measure(options, panel, watchers, seconds, panel.ProcessorSeconds() - cpuBefore);
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    private static async Task<List<OperatorSession>> SignUpAsync(
        Uri panel, int operators, int parallelism, CancellationToken cancellationToken)
    {
        var sessions = new OperatorSession[operators];
        await Parallel.ForAsync(0, operators,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, token) => sessions[i] = await OperatorSession.CreateAsync(panel, i + 1, token));
        return [.. sessions];
    }

    /// <summary>Deploys each operator in turn and at once opens its watchers, as its people would.</summary>
    private static async Task<List<ProgressWatcher>> DeployAndWatchAsync(
        IReadOnlyList<OperatorSession> sessions, BenchOptions options, TextWriter log,
        CancellationToken cancellationToken)
    {
        var watchers = new List<ProgressWatcher>();
        var watching = new List<Task>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var deployment = await sessions[i].DeployAsync(cancellationToken);
            var count = options.Clients / sessions.Count + (i < options.Clients % sessions.Count ? 1 : 0);
            for (var w = 0; w < count; w++)
            {
                var watcher = new ProgressWatcher(sessions[i].Http, deployment);
                watchers.Add(watcher);
                watching.Add(watcher.WatchAsync(cancellationToken));
            }
        }

        log.WriteLine($"  {sessions.Count} deployments asked for, {watchers.Count} clients watching");
        try
        {
            await Task.WhenAll(watching);
        }
        catch (OperationCanceledException)
        {
            log.WriteLine($"  the {options.BudgetSeconds} s budget ran out; the figures cover what arrived");
        }

        return watchers;
    }

    private static LiveProgressResult Measure(
        BenchOptions options, PanelProcess panel, IReadOnlyList<ProgressWatcher> watchers, double seconds,
        double cpuSeconds)
    {
        var latencies = watchers.SelectMany(w => w.LatenciesMs).Order().ToList();
        var inconsistent = watchers.GroupBy(w => w.DeploymentId)
            .Sum(g => g.Count(w => !w.Ids.SequenceEqual(g.First().Ids) || !Increasing(w.Ids)));
        return new LiveProgressResult(
            "sqlite",
            watchers.Count,
            watchers.Select(w => w.DeploymentId).Distinct().Count(),
            options.PanelWorkers,
            options.Scale,
            watchers.Sum(w => (long)w.Ids.Count),
            latencies.Count,
            LiveProgressResult.Percentile(latencies, 0.50),
            LiveProgressResult.Percentile(latencies, 0.99),
            latencies.Count == 0 ? double.NaN : latencies[^1],
            panel.PeakMemoryMiB(),
            cpuSeconds,
            seconds,
            watchers.Sum(w => w.Reconnects),
            watchers.Count(w => w.End is null),
            inconsistent,
            watchers.Where(w => w.End == "failed").Select(w => w.DeploymentId).Distinct().Count(),
            ProcessorTime.LoadAverage());
    }

    private static bool Increasing(IReadOnlyList<long> ids) => ids.Zip(ids.Skip(1)).All(p => p.First < p.Second);

    private static string EnvironmentJson(double scale)
    {
        var latency = CriticalPathBenchmark.RealShaped.Scaled(scale);
        string Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return $$"""
            {
              "version": 1,
              "name": "sandbox",
              "machines": { "type": "sandbox", "cloneMs": {{Ms(latency.CloneVm)}}, "startMs": {{Ms(latency.StartVm)}},
                "switchMs": {{Ms(latency.Switch)}} },
              "storage": { "type": "sandbox", "operationMs": {{Ms(latency.StorageCall)}} },
              "dns": { "type": "sandbox", "operationMs": {{Ms(latency.DnsCall)}} },
              "mail": { "host": "mail.sandbox.internal", "fromDomain": "sandbox.internal" }
            }
            """;
    }
}
