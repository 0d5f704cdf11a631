using System.Security.Cryptography;
using System.Runtime.Versioning;
using System.Text;
using Fediversity.Resources;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.State;

public sealed class StateStoreTests : IAsyncLifetime
{
    private const string Deployment = "acme";

    // Unique per test run, so that a match in the raw files can only come from this test.
    private readonly string clear = "clear-secret-" + Guid.NewGuid().ToString("N");
    private TestStore test = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => test = await TestStore.OpenAsync(Token);

    public ValueTask DisposeAsync() => test.DisposeAsync();

    private Fediversity.Resources.Providers.ResourceRecord SecretRecord(string address = "acme/key") => Recorded(
        address, "s3-key",
        ValueMaps.Of(("name", ResourceValue.Of("acme-media")), ("chosen", ResourceValue.Of(new Secret(clear + "-in")))),
        ValueMaps.Of(
            ("accessKeyId", ResourceValue.Of("GK123")),
            ("secretAccessKey", ResourceValue.Of(new Secret(clear))),
            ("env", ResourceValue.ListOf(ResourceValue.Of(new Secret(clear + "-nested"))))));

    private async Task StoreSecretsAsync()
    {
        var runId = await test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        foreach (var address in new[] { "acme/key", "acme/key2" })
        {
            await test.Store.BeginStepAsync(runId, Deployment, Address(address), "create", "acme-media", Token);
            await test.Store.CompleteStepAsync(Deployment, Address(address), SecretRecord(address), Token);
        }

        await test.Store.EndRunAsync(runId, "succeeded", "{}", "active", Token);
    }

    private byte[] RawBytes(string name)
    {
        var path = Path.Combine(test.Directory, name);
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task CompleteStepAsync_OutputsWithSecrets_NeitherDatabaseNorWalHoldsTheClearText()
    {
        await StoreSecretsAsync();

        var database = RawBytes("fedi.db");
        var wal = RawBytes("fedi.db-wal");

        Assert.True(database.Length + wal.Length > 0);
        Assert.True(wal.AsSpan().IndexOf("GK123"u8) >= 0 || database.AsSpan().IndexOf("GK123"u8) >= 0,
            "the plain output should be stored, so the search below looks in the right place");
        var needle = Encoding.UTF8.GetBytes(clear);
        Assert.True(database.AsSpan().IndexOf(needle) < 0, "fedi.db holds a secret in clear");
        Assert.True(wal.AsSpan().IndexOf(needle) < 0, "fedi.db-wal holds a secret in clear");
    }

    [Fact]
    public async Task CompleteStepAsync_AfterACheckpoint_DatabaseStillHoldsNoClearText()
    {
        await StoreSecretsAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(
            $"Data Source={Path.Combine(test.Directory, "fedi.db")}"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(Token);
        }

        var database = RawBytes("fedi.db");
        Assert.True(database.AsSpan().IndexOf("GK123"u8) >= 0);
        Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(clear)) < 0);
    }

    [Fact]
    public async Task LoadAsync_StoredSecrets_RoundTrip()
    {
        await StoreSecretsAsync();

        var state = await test.Store.LoadAsync(Deployment, Token);

        var record = state.Resources[Address("acme/key")];
        Assert.Equal(SecretRecord().Outputs, record.Outputs);
        Assert.Equal(SecretRecord().Inputs, record.Inputs);
        Assert.Equal(clear, Assert.IsType<SecretValue>(record.Outputs["secretAccessKey"]).Secret.Reveal());
    }

    [Fact]
    public async Task LoadAsync_SecondStoreOverSameFolder_ReadsTheSecretsWithTheSameKey()
    {
        await StoreSecretsAsync();

        var again = await test.OpenAgainAsync(TimeProvider.System, Token);

        var record = (await again.LoadAsync(Deployment, Token)).Resources[Address("acme/key")];
        Assert.Equal(clear, Assert.IsType<SecretValue>(record.Outputs["secretAccessKey"]).Secret.Reveal());
    }

    [Fact]
    public async Task LoadAsync_KeyFileReplaced_CannotReadTheSecrets()
    {
        await StoreSecretsAsync();
        await using var other = await TestStore.OpenAsync(Token);
        File.Copy(Path.Combine(other.Directory, "state.key"), Path.Combine(test.Directory, "state.key"), overwrite: true);

        var reopened = await test.OpenAgainAsync(TimeProvider.System, Token);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => reopened.LoadAsync(Deployment, Token));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void OpenSqliteAsync_NewFolder_MakesAKeyFileOnlyItsOwnerCanRead()
    {
        var mode = File.GetUnixFileMode(Path.Combine(test.Directory, "state.key"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(32, new FileInfo(Path.Combine(test.Directory, "state.key")).Length);
    }

    [Fact]
    public async Task LoadAsync_IntentWithoutOutcome_ReportsTheAddressAsInterrupted()
    {
        var runId = await test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        await test.Store.BeginStepAsync(runId, Deployment, Address("acme/vm"), "create", "acme-vm", Token);
        await test.Store.BeginStepAsync(runId, Deployment, Address("acme/ok"), "create", "acme-ok", Token);
        await test.Store.CompleteStepAsync(Deployment, Address("acme/ok"), Recorded("acme/ok", "k", ValueMaps.Empty), Token);

        var state = await test.Store.LoadAsync(Deployment, Token);

        Assert.Equal([Address("acme/vm")], state.Interrupted);
        Assert.Equal([Address("acme/ok")], state.Resources.Keys);
    }

    [Fact]
    public async Task CompleteStepAsync_NullRecord_RemovesTheResource()
    {
        await StoreSecretsAsync();

        await test.Store.CompleteStepAsync(Deployment, Address("acme/key"), null, Token);

        Assert.Equal([Address("acme/key2")], (await test.Store.LoadAsync(Deployment, Token)).Resources.Keys);
    }

    [Fact]
    public async Task LoadAsync_OtherDeployment_SeesNoneOfTheseResources()
    {
        await StoreSecretsAsync();

        Assert.Empty((await test.Store.LoadAsync("other", Token)).Resources);
    }

    [Fact]
    public async Task EndRunAsync_Destroyed_RemovesTheDeploymentAndKeepsTheRun()
    {
        var runId = await test.Store.BeginRunAsync(Deployment, "destroy", "tests", "sandbox", Token);
        Assert.Equal("deploying", Assert.Single(await test.Store.ListDeploymentsAsync(Token)).Status);

        await test.Store.EndRunAsync(runId, "succeeded", "{}", "destroyed", Token);

        Assert.Empty(await test.Store.ListDeploymentsAsync(Token));
        Assert.Equal("succeeded", (await test.Store.LastRunAsync(Deployment, Token))?.Outcome);
    }
}
