namespace Fediversity.Tests.Cli;

public sealed class ApplyCommandTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task Apply_OperatorExample_DeploysThreeServicesAndPrintsTheirAddresses()
    {
        var environment = fedi.SandboxEnvironment();

        var run = await fedi.RunWithStateAsync("apply", "examples/operator.json", "--environment", environment, "--yes");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("https://social.acme.example/", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://photos.acme.example/", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://video.acme.example/", run.Stdout, StringComparison.Ordinal);

        var records = SandboxRecords.Read(fedi.SandboxRoot);
        Assert.Equal(["acme-mastodon", "acme-peertube", "acme-pixelfed"], records.VmNames.Order());
        Assert.Equal(3, records.BucketAliases.Count);
        Assert.Equal(
            ["photos.acme.example. A", "social.acme.example. A", "video.acme.example. A"], records.RecordSets.Order());
    }

    [Fact]
    public async Task Apply_SecondTimeUnchanged_PlansNothing()
    {
        var environment = fedi.SandboxEnvironment();
        var first = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var total = first.Summary().GetProperty("created").GetInt32();

        var second = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        var summary = second.Summary();
        Assert.Equal(0, summary.GetProperty("created").GetInt32());
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(0, summary.GetProperty("replaced").GetInt32());
        Assert.Equal(0, summary.GetProperty("deleted").GetInt32());
        Assert.Equal(total, summary.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Destroy_AfterApply_LeavesNothingInStatusOrSandbox()
    {
        var environment = fedi.SandboxEnvironment();
        var apply = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.NotEqual(0, SandboxRecords.Read(fedi.SandboxRoot).Count);

        var destroy = await fedi.RunWithStateAsync("destroy", "acme", "-e", environment, "--yes", "--json");

        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Equal(apply.Summary().GetProperty("created").GetInt32(), destroy.Summary().GetProperty("deleted").GetInt32());
        var status = await fedi.RunWithStateAsync("status", "--json");
        Assert.Equal("", status.Stdout.Trim());
        var records = SandboxRecords.Read(fedi.SandboxRoot);
        Assert.True(records.Count == 0, $"the sandbox still holds: {records}");
    }

    [Fact]
    public async Task Status_AfterApply_ListsTheServicesAndResources()
    {
        var environment = fedi.SandboxEnvironment();
        await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");

        var status = await fedi.RunWithStateAsync("status", "acme");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("acme: active", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://video.acme.example/", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("operators/acme/mastodon/vm (vm)", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_AfterApply_SignInToEveryServiceWorks()
    {
        var environment = fedi.SandboxEnvironment();
        await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");

        var credentials = await fedi.RunWithStateAsync("credentials", "acme", "--json");

        Assert.True(credentials.ExitCode == 0, credentials.ToString());
        var machines = new Fediversity.Sandbox.SandboxWorld(fedi.SandboxRoot, Fediversity.Sandbox.SandboxLatency.None, TimeProvider.System).Machines;
        var accounts = credentials.JsonLines();
        Assert.Equal(3, accounts.Count);
        foreach (var account in accounts)
        {
            var application = account.GetProperty("application").GetString()!;
            var username = account.GetProperty("username").GetString()!;
            var password = account.GetProperty("password").GetString()!;
            Assert.True(machines.SignIn($"acme-{application}", application, username, password), application);
            Assert.False(machines.SignIn($"acme-{application}", application, username, password + "x"), application);
        }
    }

    [Fact]
    public async Task Apply_WithoutYesAndNoTerminal_RefusesAndChangesNothing()
    {
        var run = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", fedi.SandboxEnvironment());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--yes", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(SandboxRecords.Read(fedi.SandboxRoot).VmNames);
    }

    [Fact]
    public async Task Destroy_UnknownOperator_ExitsTwo()
    {
        var run = await fedi.RunWithStateAsync("destroy", "nobody", "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nobody", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_UnknownOption_ExitsTwo()
    {
        var run = await fedi.RunWithStateAsync("apply", "examples/operator.json", "--colour");

        Assert.Equal(2, run.ExitCode);
    }

    public void Dispose() => fedi.Dispose();
}
