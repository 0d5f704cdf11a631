using Fediversity.Bench.CriticalPath;
using Fediversity.Bench.Fleet;
using Fediversity.Bench.Harness;

namespace Fediversity.Tests.Bench;

/// <summary>The benchmark harness runs end to end at the smallest sizes; its figures are not tested.</summary>
public sealed class FleetRunSmokeTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("fedi-bench-test-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task RunAsync_TwoOperators_AppliesThemAllAndPlansWithoutWriting()
    {
        var options = new BenchOptions { WorkFolder = work, PlanRepetitions = 1, OperatorParallelism = 2 };

        var result = await FleetRun.RunAsync(options, operators: 2, TextWriter.Null, Token);

        Assert.Equal((2, 2, 56L), (result.Operators, result.Applied, result.Resources));
        Assert.True(result.ApplyCounts.Writes >= result.Resources, $"{result.ApplyCounts.Writes} writes");
        Assert.Equal(0, result.PlanCounts.Writes);
    }

    [Fact]
    public async Task RunAsync_OnPostgres_AppliesThemAllAndPlansWithoutWriting()
    {
        var server = await TestSupport.PostgresServer.GetAsync();
        Environment.SetEnvironmentVariable(BenchPostgres.ServerVariable, server.AdminConnection);
        var options = new BenchOptions { WorkFolder = work, PlanRepetitions = 1, OperatorParallelism = 2 }
            .On(Fediversity.Bench.Workload.StateBackend.Postgres);

        var result = await FleetRun.RunAsync(options, operators: 2, TextWriter.Null, Token);

        Assert.Equal(("postgresql", 2, 56L), (result.Store, result.Applied, result.Resources));
        Assert.True(result.ApplyCounts.Writes >= result.Resources, $"{result.ApplyCounts.Writes} writes");
        Assert.Equal(0, result.PlanCounts.Writes);
    }

    [Fact]
    public async Task RunAsync_CriticalPathAtTinyScale_MeasuresEachRepetition()
    {
        var options = new BenchOptions { WorkFolder = work, Scale = 0.0005, Warmups = 0, Repetitions = 2 };

        var result = await CriticalPathBenchmark.RunAsync(options, TextWriter.Null, Token);

        Assert.Equal(2, result.ApplySeconds.Count);
        Assert.Equal(0.05, result.CriticalPathSeconds, precision: 6);
        // A few milliseconds of slack: the stand-in clock counts whole milliseconds.
        Assert.All(result.ApplySeconds, s => Assert.True(s >= result.CriticalPathSeconds - 0.003, $"{s} s"));
    }
}
