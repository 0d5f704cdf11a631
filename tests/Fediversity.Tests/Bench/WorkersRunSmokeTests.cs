using Fediversity.Bench.Harness;
using Fediversity.Bench.Workers;

namespace Fediversity.Tests.Bench;

/// <summary>
/// The workers benchmark end to end at its smallest: real panel processes taking deployments from one job queue
/// over PostgreSQL, and the sandbox node's clone limit holding across them.
/// </summary>
public sealed class WorkersRunSmokeTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("fedi-bench-test-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task RunAsync_TwoWorkerProcessesAndTwoClonesPerNode_RunsEveryDeploymentWithinTheCloneLimit()
    {
        var server = await TestSupport.PostgresServer.GetAsync();
        Environment.SetEnvironmentVariable(BenchPostgres.ServerVariable, server.AdminConnection);
        var options = new BenchOptions
        {
            WorkFolder = work, WorkerCounts = [2], Deployments = 4, WorkerConcurrency = 2, WorkerScale = 0.01,
            ClonesPerNode = 2,
        };

        var result = Assert.Single(await WorkersBenchmark.RunAsync(options, TextWriter.Null, Token));

        Assert.Equal((2, 4, 4), (result.Workers, result.Deployments, result.Succeeded));
        Assert.Equal(2, result.ClonesPerNode);
        Assert.InRange(result.MostClonesAtOnce, 1, 2);
        Assert.True(result.PerMinute > 0, $"{result.PerMinute} a minute");
    }
}
