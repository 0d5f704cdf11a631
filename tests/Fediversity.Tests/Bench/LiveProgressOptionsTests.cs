using Fediversity.Bench.Harness;
using Fediversity.Bench.LiveProgress;

namespace Fediversity.Tests.Bench;

/// <summary>The live-progress benchmark's options and its percentiles.</summary>
public sealed class LiveProgressOptionsTests
{
    [Fact]
    public void Parse_LiveProgressOptions_AreTaken()
    {
        var options = BenchOptions.Parse(
            ["--only", "live-progress", "--clients", "40", "--watchers-per-deployment", "4", "--panel-workers", "2"]);

        Assert.Equal(["live-progress"], options.Benchmarks);
        Assert.Equal((40, 4, 2), (options.Clients, options.WatchersPerDeployment, options.PanelWorkers));
    }

    [Fact]
    public void Parse_ByDefault_RunsEveryBenchmark()
    {
        var options = BenchOptions.Parse([]);

        Assert.Equal(["critical-path", "fleet", "live-progress", "workers"], options.Benchmarks.Order());
        Assert.Equal(500, options.Clients);
    }

    [Theory]
    [InlineData("--only", "live", "--only")]
    [InlineData("--clients", "0", "--clients")]
    [InlineData("--watchers-per-deployment", "many", "--watchers-per-deployment")]
    public void Parse_BadValue_NamesTheOption(string name, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse([name, value]));

        Assert.StartsWith(named + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentile_OfAHundredValues_IsTheNearestRank()
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToList();

        Assert.Equal(50, LiveProgressResult.Percentile(sorted, 0.50));
        Assert.Equal(99, LiveProgressResult.Percentile(sorted, 0.99));
        Assert.Equal(100, LiveProgressResult.Percentile(sorted, 1));
    }
}
