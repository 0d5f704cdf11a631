using System.Diagnostics;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Cli;

/// <summary>
/// The sandbox's clone slots are held by the process that clones, through the state store: a killed process
/// frees its slot, on SQLite (a file lock beside the store) and on PostgreSQL (an advisory lock of its session).
/// </summary>
public sealed class ClonePermitTests : IDisposable
{
    private readonly Fedi fedi = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_AfterTheHolderOfTheOnlyCloneSlotIsKilled_GoesAhead_OnSqlite() =>
        await KilledHolderFreesTheSlotAsync([]);

    [Fact]
    public async Task Apply_AfterTheHolderOfTheOnlyCloneSlotIsKilled_GoesAhead_OnPostgres()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.DatabaseForAsync(GetType());
        await TestStore.EmptyAsync(database, Token);
        await KilledHolderFreesTheSlotAsync(["--database", database]);
    }

    private async Task KilledHolderFreesTheSlotAsync(string[] store)
    {
        var slow = fedi.SandboxEnvironment(cloneMs: 600_000, clonesPerNode: 1);
        var fast = fedi.SandboxEnvironment(cloneMs: 50, clonesPerNode: 1);
        var other = Path.Combine(fedi.Root, "bravo.json");
        await File.WriteAllTextAsync(other, (await File.ReadAllTextAsync(
                Path.Combine(Fedi.RepositoryRoot, "examples", "operator.json"), Token))
            .Replace("\"acme\"", "\"bravo\"", StringComparison.Ordinal)
            .Replace("acme.example", "bravo.example", StringComparison.Ordinal), Token);

        using var holder = fedi.Start(
            ["apply", "examples/operator.json", "-e", slow, "--yes", "--json", "--state", fedi.State, .. store]);
        await UntilAsync(() => SandboxRecords.Read(fedi.SandboxRoot).VmNames.Count > 0, holder);

        // The slot is held: another operator's clone waits for it.
        using var waiting = fedi.Start(["apply", other, "-e", fast, "--yes", "--json", "--state", fedi.State, .. store]);
        await Task.Delay(TimeSpan.FromSeconds(3), Token);
        Assert.Single(SandboxRecords.Read(fedi.SandboxRoot).VmNames);

        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync(Token);
        var run = await Fedi.FinishAsync(waiting);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4, SandboxRecords.Read(fedi.SandboxRoot).VmNames.Count);
    }

    private static async Task UntilAsync(Func<bool> condition, Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            Assert.False(process.HasExited, "the apply ended before it cloned anything");
            Assert.True(DateTime.UtcNow < deadline, "the apply cloned nothing within a minute");
            await Task.Delay(TimeSpan.FromMilliseconds(100), Token);
        }
    }

    public void Dispose() => fedi.Dispose();
}
