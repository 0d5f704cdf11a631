using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fediversity.Sandbox;

namespace Fediversity.Tests.Cli;

/// <summary>
/// <c>fedi destroy</c> deletes an operator's account: every resource, retained data included, and the
/// operator's logs; accounting records stay for the environment's retention period; an audit record stays.
/// </summary>
public sealed class AccountDeletionTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task Destroy_WithRetainedData_RemovesEverythingAndLeavesAccountingAndAnAuditRecord()
    {
        var environment = fedi.SandboxEnvironment();
        await SucceedAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        var credentials = await SucceedAsync("credentials", "acme", "--json");
        var passwords = credentials.JsonLines().Select(l => l.GetProperty("password").GetString()!).ToList();
        await SucceedAsync("apply", DisablePixelfedKeepingData(), "-e", environment, "--yes", "--json");
        Assert.NotEmpty(SandboxRecords.Read(fedi.SandboxRoot).BucketAliases);

        var destroy = await SucceedAsync("destroy", "acme", "-e", environment, "--yes");

        Assert.Contains("The account of 'acme' is deleted", destroy.Stdout, StringComparison.Ordinal);
        var records = SandboxRecords.Read(fedi.SandboxRoot);
        Assert.True(records.Count == 0, $"the sandbox still holds: {records}");
        Assert.Equal("", (await SucceedAsync("status", "--json")).Stdout.Trim());

        var audit = Assert.Single((await SucceedAsync("audit", "--json")).JsonLines());
        Assert.Equal("acme", audit.GetProperty("operator").GetString());
        Assert.Equal("account-deleted", audit.GetProperty("action").GetString());
        Assert.Contains(Environment.UserName, audit.GetProperty("actor").GetString(), StringComparison.Ordinal);
        var removed = audit.GetProperty("removed").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("operators/acme/pixelfed/bucket", removed);
        Assert.Contains("operators/acme/mastodon/vm", removed);

        var accounting = (await SucceedAsync("accounting", "acme", "--json")).JsonLines();
        Assert.Contains(accounting, p => p.GetProperty("address").GetString() == "operators/acme/pixelfed/vm");
        Assert.Contains(accounting, p => p.GetProperty("address").GetString() == "operators/acme/pixelfed/bucket");
        var keptUntil = accounting.Select(p => p.GetProperty("keptUntil").GetDateTimeOffset()).Distinct().Single();
        var expected = DateTimeOffset.UtcNow.AddDays(2557);
        Assert.InRange(keptUntil, expected.AddMinutes(-10), expected);
        Assert.All(accounting, p => Assert.NotEqual(JsonValueKind.Null, p.GetProperty("until").ValueKind));

        var everything = string.Join('\n', destroy.Stdout, audit.ToString(), string.Join('\n', accounting));
        Assert.All(passwords, p => Assert.DoesNotContain(p, everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Destroy_WithRetentionOfZeroDays_AccountingIsPurgedAndTheAuditStays()
    {
        var environment = EnvironmentWithRetention(0);
        await SucceedAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        Assert.NotEmpty((await SucceedAsync("accounting", "acme", "--json")).JsonLines());
        await SucceedAsync("destroy", "acme", "-e", environment, "--yes", "--json");

        var purge = await SucceedAsync("purge", "--json");

        Assert.Equal(7, purge.JsonLines().Single().GetProperty("accountingRecords").GetInt32());
        Assert.Contains("No accounting records.", (await SucceedAsync("accounting")).Stdout, StringComparison.Ordinal);
        Assert.Contains("account-deleted acme", (await SucceedAsync("audit")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_AfterTheRetentionEnded_PurgesTheAccountingRecords()
    {
        var environment = EnvironmentWithRetention(0);
        await SucceedAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        await SucceedAsync("destroy", "acme", "-e", environment, "--yes", "--json");

        await SucceedAsync("status");

        var purge = await SucceedAsync("purge", "--json");
        Assert.Equal(0, purge.JsonLines().Single().GetProperty("accountingRecords").GetInt32());
        Assert.Empty((await SucceedAsync("accounting", "--json")).JsonLines());
    }

    [Fact]
    public async Task Destroy_KilledHalfWay_StatusShowsDeletingAndARerunFinishes()
    {
        var slow = fedi.SandboxEnvironment(cloneMs: 0, startMs: 0, switchMs: 300, storageMs: 300, dnsMs: 300);
        await SucceedAsync("apply", "examples/operator.json", "-e", slow, "--yes", "--json");
        using var first = fedi.Start("destroy", "acme", "-e", slow, "--yes", "--json", "--state", fedi.State);

        await ReadUntilStepsDoneAsync(first, 6);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(TestContext.Current.CancellationToken);

        var status = await SucceedAsync("status", "acme");
        Assert.Contains("acme: deleting", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("run 'fedi destroy acme' again", status.Stdout, StringComparison.Ordinal);
        Assert.Empty((await SucceedAsync("audit", "--json")).JsonLines());

        var rerun = await SucceedAsync("destroy", "acme", "-e", slow, "--yes", "--json");

        Assert.Equal(0, rerun.Summary().GetProperty("failed").GetInt32());
        var records = SandboxRecords.Read(fedi.SandboxRoot);
        Assert.True(records.Count == 0, $"the sandbox still holds: {records}");
        var audit = Assert.Single((await SucceedAsync("audit", "--json")).JsonLines());
        Assert.Equal(28, audit.GetProperty("removed").GetArrayLength());
        Assert.Equal("", (await SucceedAsync("status", "--json")).Stdout.Trim());
    }

    [Fact]
    public async Task Destroy_VmAlreadyGone_RemovesEverythingElse()
    {
        var environment = fedi.SandboxEnvironment();
        await SucceedAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        var world = new SandboxWorld(fedi.SandboxRoot, SandboxLatency.None, TimeProvider.System);
        world.Hypervisor.Destroy(world.Hypervisor.FindByName("acme-peertube")!.VmId);

        var destroy = await SucceedAsync("destroy", "acme", "-e", environment, "--yes", "--json");

        Assert.Equal(28, destroy.Summary().GetProperty("deleted").GetInt32());
        var records = SandboxRecords.Read(fedi.SandboxRoot);
        Assert.True(records.Count == 0, $"the sandbox still holds: {records}");
    }

    [Fact]
    public async Task Destroy_UnconfirmedWithoutATerminal_ChangesNothing()
    {
        var environment = fedi.SandboxEnvironment();
        await SucceedAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");

        var destroy = await fedi.RunWithStateAsync("destroy", "acme", "-e", environment);

        Assert.Equal(2, destroy.ExitCode);
        Assert.Equal(3, SandboxRecords.Read(fedi.SandboxRoot).VmNames.Count);
        Assert.Contains("acme: active", (await SucceedAsync("status", "acme")).Stdout, StringComparison.Ordinal);
    }

    private async Task<FediRun> SucceedAsync(params string[] arguments)
    {
        var run = await fedi.RunWithStateAsync(arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private string EnvironmentWithRetention(int days)
    {
        var document = JsonNode.Parse(File.ReadAllText(fedi.SandboxEnvironment()))!;
        document["retention"] = new JsonObject { ["accountingDays"] = days };
        var path = Path.Combine(fedi.Root, $"retention-{days}.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    private string DisablePixelfedKeepingData()
    {
        var example = Path.Combine(Fedi.RepositoryRoot, "examples", "operator.json");
        var document = JsonNode.Parse(File.ReadAllText(example))!;
        document.AsObject().Remove("$schema");
        var pixelfed = document["applications"]!["pixelfed"]!.AsObject();
        pixelfed["enabled"] = false;
        pixelfed["dataWhenDisabled"] = "keep";
        var path = Path.Combine(fedi.Root, "pixelfed-disabled.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    private static async Task ReadUntilStepsDoneAsync(Process process, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = 0;
        while (done < count && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.GetProperty("type").GetString() == "step-done")
            {
                done++;
            }
        }

        Assert.Equal(count, done);
    }

    public void Dispose() => fedi.Dispose();
}
