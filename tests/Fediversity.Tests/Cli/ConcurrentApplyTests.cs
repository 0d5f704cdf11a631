using System.Text.Json;

namespace Fediversity.Tests.Cli;

/// <summary>One writer per deployment: a second apply while one runs fails at once, naming the holder.</summary>
public sealed class ConcurrentApplyTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task Apply_TwoAtOnceForOneOperator_OneProceedsTheOtherExitsThree()
    {
        // Long enough that the first still holds the lease when a second process has started on a busy machine.
        var slow = fedi.SandboxEnvironment(cloneMs: 25000, switchMs: 500);
        using var first = fedi.Start("apply", "examples/operator.json", "-e", slow, "--yes", "--json", "--state", fedi.State);
        var firstLine = await first.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.Equal("plan", JsonDocument.Parse(firstLine!).RootElement.GetProperty("type").GetString());

        var started = DateTime.UtcNow;
        var second = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", slow, "--yes", "--json");
        var waited = DateTime.UtcNow - started;

        Assert.Equal(3, second.ExitCode);
        Assert.Contains($"pid {first.Id}", second.Stderr, StringComparison.Ordinal);
        Assert.Contains("since", second.Stderr, StringComparison.Ordinal);
        Assert.True(waited < TimeSpan.FromSeconds(20), $"the locked apply waited {waited}");

        var rest = await Fedi.FinishAsync(first);
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(3, SandboxRecords.Read(fedi.SandboxRoot).VmNames.Count);
    }

    [Fact]
    public async Task Apply_TwoOperatorsAtOnce_BothSucceed()
    {
        var environment = fedi.SandboxEnvironment(cloneMs: 300);
        var other = Path.Combine(fedi.Root, "other.json");
        File.WriteAllText(other, File.ReadAllText(Path.Combine(Fedi.RepositoryRoot, "examples", "operator.json"))
            .Replace("\"acme\"", "\"bravo\"", StringComparison.Ordinal)
            .Replace("acme.example", "bravo.example", StringComparison.Ordinal));

        var runs = await Task.WhenAll(
            fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json"),
            fedi.RunWithStateAsync("apply", other, "-e", environment, "--yes", "--json"));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        var vms = SandboxRecords.Read(fedi.SandboxRoot).VmNames;
        Assert.Equal(6, vms.Count);
        Assert.Equal(6, vms.Distinct().Count());
    }

    public void Dispose() => fedi.Dispose();
}
