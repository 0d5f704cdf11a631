using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fediversity.Bench.Harness;

namespace Fediversity.Bench.Fleet;

/// <summary>
/// Runs each fleet size in a child process of its own, so that each peak working set belongs to that size
/// alone and no size inherits another's caches.
/// </summary>
public static class FleetBenchmark
{
    /// <summary>Beyond the apply budget, how long a size may take to plan and report before it is stopped.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    public static async Task<IReadOnlyList<FleetResult>> RunAsync(
        BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var results = new List<FleetResult>();
        foreach (var size in options.Sizes)
        {
            log.WriteLine($"fleet: {size} operators on {options.Store.Name}, in a process of its own");
            if (await RunInFolderAsync(options, size, log, cancellationToken) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>The size's child works in a folder of its own, removed here once its figures are read.</summary>
    private static async Task<FleetResult?> RunInFolderAsync(
        BenchOptions options, int size, TextWriter log, CancellationToken cancellationToken)
    {
        var work = Directory.CreateDirectory(Path.Combine(options.WorkFolder, $"fleet-{size}-{Guid.NewGuid():N}"));
        try
        {
            return await RunChildAsync(options with { WorkFolder = work.FullName }, size, log, cancellationToken);
        }
        finally
        {
            Directory.Delete(work.FullName, recursive: true);
        }
    }

    private static async Task<FleetResult?> RunChildAsync(
        BenchOptions options, int size, TextWriter log, CancellationToken cancellationToken)
    {
        var resultFile = Path.Combine(options.WorkFolder, "result.json");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FleetBenchmark).Assembly.Location);
        }

        foreach (var argument in (string[])["fleet-child", "--operators", size.ToString(CultureInfo.InvariantCulture),
                     "--result", resultFile, .. options.ForChild()])
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)
            ?? throw new InvalidOperationException("the fleet's child process did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.BudgetSeconds) + Grace);
        try
        {
            await child.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            log.WriteLine($"  {size} operators: stopped after the run budget and its grace; no figures");
            return null;
        }

        if (child.ExitCode != 0 || !File.Exists(resultFile))
        {
            log.WriteLine($"  {size} operators: the child process failed (exit code {child.ExitCode}); no figures");
            return null;
        }

        return JsonSerializer.Deserialize<FleetResult>(await File.ReadAllTextAsync(resultFile, cancellationToken),
            ReportJson.Options);
    }
}
