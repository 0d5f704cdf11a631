using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fediversity.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fediversity.Tests.Cli;

/// <summary>A deployment killed half-way loses nothing and duplicates nothing; the next run finishes it.</summary>
public sealed class InterruptedApplyTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task Apply_KilledAfterSomeSteps_RerunFinishesWithEveryResourceOnce()
    {
        var slow = fedi.SandboxEnvironment(cloneMs: 600, startMs: 100, switchMs: 400, storageMs: 150, dnsMs: 100);
        using var first = fedi.Start("apply", "examples/operator.json", "-e", slow, "--yes", "--json", "--state", fedi.State);

        var doneBeforeKill = await ReadUntilStepsDoneAsync(first, 8);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(0, first.ExitCode);

        var second = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", slow, "--yes", "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        var summary = second.Summary();
        var created = summary.GetProperty("created").GetInt32();
        var unchanged = summary.GetProperty("unchanged").GetInt32();
        Assert.Equal(28, created + unchanged);
        Assert.True(unchanged >= doneBeforeKill, $"{doneBeforeKill} steps ended before the kill, {unchanged} were kept");
        Assert.True(created > 0, "the killed run cannot have finished everything");

        var records = SandboxRecords.Read(fedi.SandboxRoot);
        Assert.Equal(["acme-mastodon", "acme-peertube", "acme-pixelfed"], records.VmNames.Order());
        Assert.Equal(["acme-mastodon-media", "acme-peertube-media", "acme-pixelfed-media"], records.BucketAliases.Order());
        Assert.Equal(["acme-mastodon", "acme-peertube", "acme-pixelfed"], records.KeyNames.Order());
        Assert.Equal(3, records.RecordSets.Count);

        var third = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", slow, "--yes", "--json");
        Assert.Equal(28, third.Summary().GetProperty("unchanged").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Apply_KilledWhileStepsEnd_RerunLeavesNoOpenIntentAndBillsEachResourceOnce(bool onPostgres)
    {
        string[] database = [];
        if (onPostgres)
        {
            var server = await PostgresServer.GetAsync();
            database = ["--database", await server.DatabaseForAsync(GetType())];
            await TestStore.EmptyAsync(database[1], TestContext.Current.CancellationToken);
        }

        var slow = fedi.SandboxEnvironment(cloneMs: 300, startMs: 50, switchMs: 200, storageMs: 20, dnsMs: 10);
        string[] apply = ["apply", "examples/operator.json", "-e", slow, "--yes", "--json", .. database];
        using var first = fedi.Start([.. apply, "--state", fedi.State]);
        await ReadUntilStepsDoneAsync(first, 14);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        var second = await fedi.RunWithStateAsync(apply);

        Assert.True(second.ExitCode == 0, second.ToString());
        await using DbConnection connection = onPostgres
            ? new NpgsqlConnection(database[1])
            : new SqliteConnection($"Data Source={Path.Combine(fedi.State, "fedi.db")}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(28, await CountAsync(connection, "SELECT COUNT(*) FROM resources"));
        Assert.Equal(0, await CountAsync(connection, """SELECT COUNT(*) FROM journal WHERE "EndedAtMs" IS NULL"""));
        Assert.Equal(0, await CountAsync(connection, """
            SELECT COUNT(*) FROM (SELECT "Address" FROM accounting WHERE "EndedAtMs" IS NULL
                GROUP BY "Address" HAVING COUNT(*) > 1) twice
            """));
        Assert.Equal(0, await CountAsync(connection, """
            SELECT COUNT(*) FROM accounting a WHERE "EndedAtMs" IS NULL
                AND NOT EXISTS (SELECT 1 FROM resources r WHERE r."Address" = a."Address")
            """));
    }

    private static async Task<int> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var count = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads JSON events until <paramref name="count"/> steps have ended; returns how many did.</summary>
    private static async Task<int> ReadUntilStepsDoneAsync(Process process, int count)
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
        return done;
    }

    public void Dispose() => fedi.Dispose();
}
