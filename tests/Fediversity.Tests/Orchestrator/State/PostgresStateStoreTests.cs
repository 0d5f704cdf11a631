using Fediversity.Orchestrator.State;
using Fediversity.Tests.TestSupport;
using Npgsql;

namespace Fediversity.Tests.Orchestrator.State;

public sealed class PostgresStateStoreTests : StateStoreTests
{
    protected override StoreKind Kind => StoreKind.Postgres;

    /// <summary>Every stored value, read with plain SQL as anyone with access to the database could.</summary>
    private async Task<string> EverythingStoredAsync()
    {
        await using var connection = new NpgsqlConnection(Test.Database);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(t::text, E'\n') FROM (
                SELECT r::text AS t FROM resources r UNION ALL SELECT j::text FROM journal j
                UNION ALL SELECT s::text FROM settings s UNION ALL SELECT d::text FROM deployments d) rows
            """, connection);
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }

    [Fact]
    public async Task CompleteStepAsync_OutputsWithSecrets_TheDatabaseHoldsNoClearTextNorTheKey()
    {
        await StoreSecretsAsync();

        var stored = await EverythingStoredAsync();

        Assert.Contains("GK123", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Clear, stored, StringComparison.Ordinal);
        var key = await File.ReadAllBytesAsync(Test.KeyFile, Token);
        Assert.DoesNotContain(Convert.ToBase64String(key), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(key), stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpenPostgresAsync_DatabaseMissing_MakesIt()
    {
        var server = await PostgresServer.GetAsync();
        var name = "fedi_made_" + Guid.NewGuid().ToString("N")[..8];

        var store = await StateStore.OpenPostgresAsync(
            server.ConnectionTo(name), Test.KeyFile, TimeProvider.System, Token);
        await store.BeginRunAsync("acme", "apply", "tests", "sandbox", Token);

        Assert.Equal("acme", Assert.Single(await store.ListDeploymentsAsync(Token)).Id);
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.AdminConnection);
        await admin.OpenAsync(Token);
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync(Token);
    }

    [Fact]
    public async Task OpenPostgresAsync_NothingListening_FailsNamingTheServerAndNotThePassword()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(Test.Database)
        {
            Port = ClosedPort(), Password = "pw-" + Clear, Timeout = 5,
        }.ConnectionString;

        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            StateStore.OpenPostgresAsync(unreachable, Test.KeyFile, TimeProvider.System, Token));

        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Clear, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenPostgresAsync_InvalidConnectionString_FailsSayingHowToWriteIt()
    {
        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            StateStore.OpenPostgresAsync("Hots=db;Database=x", Test.KeyFile, TimeProvider.System, Token));

        Assert.Contains("Host=", error.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
