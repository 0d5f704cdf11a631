using System.Diagnostics;
using System.Globalization;
using Fediversity.Bench.CriticalPath;
using Fediversity.Bench.Harness;
using Fediversity.Bench.Workload;
using Fediversity.Panel.Data;
using Fediversity.Sandbox;
using Npgsql;

namespace Fediversity.Bench.Workers;

/// <summary>
/// One worker count: a cluster of panels over PostgreSQL databases of its own and one sandbox folder, every
/// deployment queued at once once the workers have checked in, timed until the last one ends.
/// </summary>
internal static class WorkersRun
{
    private static readonly TimeSpan CheckInTimeout = TimeSpan.FromMinutes(3);

    public static async Task<WorkersResult?> RunAsync(
        BenchOptions options, int workers, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(
            Path.Combine(options.WorkFolder, $"workers-{workers}-{Guid.NewGuid():N}")).FullName;
        var server = await BenchPostgres.GetAsync(cancellationToken);
        var name = "fedi_workers_" + Path.GetFileName(folder).Replace('-', '_');
        var databases = new[] { name + "_panel", name + "_state" };
        try
        {
            return await RunInAsync(options, workers, folder, server, databases, log, cancellationToken);
        }
        finally
        {
            await DropAsync(server, databases);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<WorkersResult?> RunInAsync(
        BenchOptions options, int workers, string folder, BenchPostgres server, string[] databases, TextWriter log,
        CancellationToken cancellationToken)
    {
        var latency = CriticalPathBenchmark.RealShaped.Scaled(options.WorkerScale);
        var clonesPerNode = options.ClonesPerNodeFor(options.WorkerCounts.Max());
        var environment = Path.Combine(folder, "environment.json");
        await File.WriteAllTextAsync(environment, EnvironmentJson(latency, clonesPerNode), cancellationToken);
        string[] settings =
        [
            "--Panel:DataDirectory=" + Path.Combine(folder, "panel"),
            "--Panel:Environment=" + environment,
            "--Panel:Database=" + server.ConnectionTo(databases[0]),
            "--Panel:StateDatabase=" + server.ConnectionTo(databases[1]),
            "--Panel:RefreshMinutes=0",
            "--Logging:LogLevel:Default=Warning",
        ];

        await using var queue = await QueuedDeployments.OpenAsync(settings, cancellationToken);
        await queue.PrepareAsync(options.Deployments, cancellationToken);

        var processes = Enumerable.Range(0, workers).Select(i => WorkerProcess.Start(
        [
            .. settings, "--Panel:RunWorkers=true",
            "--Panel:Workers=" + options.WorkerConcurrency.ToString(CultureInfo.InvariantCulture),
            "--urls=http://127.0.0.1:0",
        ], Path.Combine(folder, $"worker-{i}.log"))).ToList();
        try
        {
            if (!await CheckedInAsync(queue, processes, workers, log, cancellationToken))
            {
                return null;
            }

            var startProcessor = processes.Sum(p => p.ProcessorSeconds);
            var queued = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            await queue.QueueAllAsync(cancellationToken);
            var records = await EndedAsync(queue, options, processes, clock, log, cancellationToken);
            var last = records.Max(r => r.EndedAt) ?? DateTimeOffset.UtcNow;
            var seconds = (last - queued).TotalSeconds;
            var processor = processes.Sum(p => p.ProcessorSeconds) - startProcessor;
            if (records.FirstOrDefault(r => r.Status == DeploymentStatus.Failed) is { } failed)
            {
                log.WriteLine($"  a deployment failed: {failed.Error}");
            }

            var durations = records.Where(r => r is { StartedAt: not null, EndedAt: not null })
                .Select(r => (r.EndedAt!.Value - r.StartedAt!.Value).TotalSeconds).ToList();
            var sandbox = new SandboxWorld(Path.Combine(folder, "panel", "state", "sandbox"), SandboxLatency.None,
                TimeProvider.System);
            var path = CriticalPathModel.Compute(BenchWorld.Graph("bench"), latency.OfCreate).Length;
            return new WorkersResult(workers, options.WorkerConcurrency, options.Deployments,
                records.Count(r => r.Status == DeploymentStatus.Succeeded), seconds,
                durations.Count == 0 ? 0 : new Samples(durations).Median,
                path.TotalSeconds, clonesPerNode, sandbox.Hypervisor.MostClonesAtOnce(), processor,
                ProcessorTime.LoadAverage());
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    /// <summary>Waits until every worker's scheduler has checked in with the job store.</summary>
    private static async Task<bool> CheckedInAsync(QueuedDeployments queue, List<WorkerProcess> processes,
        int workers, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await queue.SchedulersAsync(cancellationToken) >= workers)
            {
                return true;
            }

            if (processes.Any(p => p.HasExited) || clock.Elapsed > CheckInTimeout)
            {
                log.WriteLine($"  {workers} workers: not every worker started; see the worker-*.log files");
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Waits until every deployment has ended, a worker has died, or the run's budget is spent.</summary>
    private static async Task<IReadOnlyList<DeploymentRecord>> EndedAsync(QueuedDeployments queue,
        BenchOptions options, List<WorkerProcess> processes, Stopwatch clock, TextWriter log,
        CancellationToken cancellationToken)
    {
        // At least three times what the workers' slots allow, so that a slow machine still ends the run.
        var latency = CriticalPathBenchmark.RealShaped.Scaled(options.WorkerScale);
        var path = CriticalPathModel.Compute(BenchWorld.Graph("bench"), latency.OfCreate).Length;
        var waves = Math.Ceiling(options.Deployments / (double)(processes.Count * options.WorkerConcurrency));
        var budget = TimeSpan.FromSeconds(Math.Max(options.BudgetSeconds, 3 * waves * path.TotalSeconds));
        while (true)
        {
            var records = await queue.RecordsAsync(cancellationToken);
            var ended = records.Count(r => r.Status is DeploymentStatus.Succeeded or DeploymentStatus.Failed);
            if (ended == records.Count)
            {
                return records;
            }

            if (processes.Any(p => p.HasExited) || clock.Elapsed > budget)
            {
                log.WriteLine($"  stopped with {ended} of {records.Count} deployments ended " +
                    (clock.Elapsed > budget ? "(budget spent)" : "(a worker died)"));
                return records;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private static string EnvironmentJson(SandboxLatency latency, int clonesPerNode) => $$"""
        {
          "version": 1,
          "name": "workers-bench",
          "machines": { "type": "sandbox", "cloneMs": {{Ms(latency.CloneVm)}}, "startMs": {{Ms(latency.StartVm)}},
                        "switchMs": {{Ms(latency.Switch)}}, "clonesPerNode": {{clonesPerNode}} },
          "storage": { "type": "sandbox", "operationMs": {{Ms(latency.StorageCall)}} },
          "dns": { "type": "sandbox", "operationMs": {{Ms(latency.DnsCall)}} },
          "mail": { "host": "mail.sandbox.internal", "fromDomain": "sandbox.internal" }
        }
        """;

    private static string Ms(TimeSpan span) =>
        ((long)Math.Round(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    private static async Task DropAsync(BenchPostgres server, string[] databases)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server.AdminConnection);
        await connection.OpenAsync();
        foreach (var database in databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)",
                connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
