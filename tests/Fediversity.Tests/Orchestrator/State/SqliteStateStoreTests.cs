using System.Runtime.Versioning;
using System.Text;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.State;

public sealed class SqliteStateStoreTests : StateStoreTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;

    private byte[] RawBytes(string name)
    {
        var path = Path.Combine(Test.Directory, name);
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
        var needle = Encoding.UTF8.GetBytes(Clear);
        Assert.True(database.AsSpan().IndexOf(needle) < 0, "fedi.db holds a secret in clear");
        Assert.True(wal.AsSpan().IndexOf(needle) < 0, "fedi.db-wal holds a secret in clear");
    }

    [Fact]
    public async Task CompleteStepAsync_AfterACheckpoint_DatabaseStillHoldsNoClearText()
    {
        await StoreSecretsAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(
            $"Data Source={Path.Combine(Test.Directory, "fedi.db")}"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(Token);
        }

        var database = RawBytes("fedi.db");
        Assert.True(database.AsSpan().IndexOf("GK123"u8) >= 0);
        Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Clear)) < 0);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void OpenSqliteAsync_NewFolder_MakesAKeyFileOnlyItsOwnerCanRead()
    {
        var mode = File.GetUnixFileMode(Test.KeyFile);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(32, new FileInfo(Test.KeyFile).Length);
    }
}
