using Fediversity.Tests.TestSupport;
using Npgsql;

namespace Fediversity.Tests.Cli;

/// <summary>fedi with its state in PostgreSQL: shared by processes with other state folders and the same key.</summary>
public sealed class PostgresStateTests : IAsyncLifetime
{
    private readonly Fedi fedi = new();
    private string database = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        database = await server.DatabaseForAsync(GetType());
        await TestStore.EmptyAsync(database, Token);
    }

    public ValueTask DisposeAsync()
    {
        fedi.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Apply_WithDatabase_AnotherFolderWithTheSameKeySeesTheDeployment()
    {
        var environment = fedi.SandboxEnvironment();
        var applied = await fedi.RunWithStateAsync(
            "apply", "examples/operator.json", "-e", environment, "--yes", "--json", "--database", database);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var elsewhere = Path.Combine(fedi.Root, "elsewhere");
        var status = await fedi.RunAsync("status", "acme", "--json", "--state", elsewhere, "--database", database,
            "--key-file", Path.Combine(fedi.State, "state.key"));

        Assert.True(status.ExitCode == 0, status.ToString());
        var deployment = Assert.Single(status.JsonLines());
        Assert.Equal("active", deployment.GetProperty("status").GetString());
        Assert.Equal(28, deployment.GetProperty("resources").GetArrayLength());
        Assert.False(File.Exists(Path.Combine(elsewhere, "fedi.db")), "the state belongs in PostgreSQL");
    }

    [Fact]
    public async Task Status_WithDatabaseAndAnotherKey_ExitsTwoNamingTheKeyFileAndNotThePassword()
    {
        var first = await fedi.RunWithStateAsync("status", "--database", database);
        Assert.True(first.ExitCode == 0, first.ToString());
        var password = new NpgsqlConnectionStringBuilder(database).Password!;
        var otherKey = Path.Combine(fedi.Root, "other", "state.key");
        Directory.CreateDirectory(Path.GetDirectoryName(otherKey)!);
        await File.WriteAllBytesAsync(otherKey, new byte[32], Token);

        var refused = await fedi.RunWithStateAsync("status", "--database", database, "--key-file", otherKey);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(otherKey, refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(password, refused.Stderr + refused.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ConnectionStringGivenAsState_ExitsTwoNamingDatabaseOption()
    {
        var run = await fedi.RunAsync("status", "--state", "Host=127.0.0.1;Database=fediversity");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--database", run.Stderr, StringComparison.Ordinal);
    }
}
