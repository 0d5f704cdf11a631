using Fediversity.Bench.CriticalPath;
using Fediversity.Bench.Workload;
using Fediversity.Resources;

namespace Fediversity.Tests.Bench;

public sealed class CriticalPathModelTests
{
    [Fact]
    public void Compute_OperatorWithThreeApplications_IsCloneStartAndSwitchOfOneMachine()
    {
        var graph = BenchWorld.Graph("acme");

        var (length, chain) = CriticalPathModel.Compute(graph, CriticalPathBenchmark.RealShaped.OfCreate);

        Assert.Equal(TimeSpan.FromSeconds(100), length);
        Assert.Equal(
            [new ResourceAddress("operators/acme/ssh-key"), new ResourceAddress("operators/acme/mastodon/vm"),
                new ResourceAddress("operators/acme/mastodon/nixos")],
            chain);
    }

    [Fact]
    public void Compute_ZeroLatencies_IsZero()
    {
        var (length, _) = CriticalPathModel.Compute(BenchWorld.Graph("acme"), _ => TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, length);
    }
}
