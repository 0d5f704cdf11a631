using System.Collections.Concurrent;
using Fediversity.Bench.Harness;
using Npgsql;

namespace Fediversity.Tests.TestSupport;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by <c>FEDI_TEST_POSTGRES</c> (an admin connection
/// string), or else a private one that tests/setup/postgresql-cluster.sh starts on 127.0.0.1 on the first
/// request, under <c>FEDI_TEST_POSTGRES_DIR</c> or a fresh folder in /tmp, and that
/// <see cref="PostgresServerLifetime"/> stops when the tests end. Each test class gets a database of its own.
/// </summary>
internal sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> databases = new(StringComparer.Ordinal);

    private PostgresServer(string adminConnection, string? ownFolder, bool removeFolder)
    {
        AdminConnection = adminConnection;
        OwnFolder = ownFolder;
        RemoveFolder = removeFolder;
    }

    /// <summary>A superuser's connection to the server's maintenance database.</summary>
    public string AdminConnection { get; }

    /// <summary>The folder of the server these tests started, or null when the server was given.</summary>
    private string? OwnFolder { get; }

    private bool RemoveFolder { get; }

    /// <summary>Whether a server was asked for, so that the end of the tests knows whether to stop one.</summary>
    public static bool Requested => Shared.IsValueCreated;

    /// <summary>
    /// The server, started on first use. Where PostgreSQL is not installed the test is skipped, except under
    /// CI (<c>CI=true</c>), where it fails: a CI run must never pass without the PostgreSQL tests.
    /// </summary>
    public static async Task<PostgresServer> GetAsync()
    {
        try
        {
            return await Shared.Value;
        }
        catch (PostgresUnavailableException e) when (!IsCi)
        {
            Assert.Skip(e.Message);
            throw;
        }
    }

    public static async Task StopIfStartedAsync()
    {
        if (!Shared.IsValueCreated || !Shared.Value.IsCompletedSuccessfully)
        {
            return;
        }

        var server = Shared.Value.Result;
        await server.DropDatabasesAsync();
        if (server.OwnFolder is { } folder)
        {
            await PostgresCluster.StopAsync(folder, CancellationToken.None);
            if (server.RemoveFolder)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The connection string of an empty database of the test class's own, made on its first use.</summary>
    public Task<string> DatabaseForAsync(Type testClass)
    {
        var name = "fedi_" + new string([.. testClass.Name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return databases.GetOrAdd(name, n => new Lazy<Task<string>>(() => CreateDatabaseAsync(n))).Value;
    }

    /// <summary>The connection string of a database of that name, without making it.</summary>
    public string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnection) { Database = database }.ConnectionString;

    private async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionTo(name);
    }

    private async Task DropDatabasesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        foreach (var name in databases.Keys)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true",
        StringComparison.OrdinalIgnoreCase);

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("FEDI_TEST_POSTGRES") is { Length: > 0 } server)
        {
            return new PostgresServer(server, null, removeFolder: false);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PostgresUnavailableException("The private PostgreSQL server of the tests runs on Linux only; " +
                "set FEDI_TEST_POSTGRES to an admin connection string of a server instead.");
        }

        var given = Environment.GetEnvironmentVariable("FEDI_TEST_POSTGRES_DIR");
        var folder = given is { Length: > 0 }
            ? given
            : Directory.CreateTempSubdirectory("fedi-tests-postgres-").FullName;
        try
        {
            var admin = await PostgresCluster.StartAsync(folder, durable: false, maxPoolSize: 200, CancellationToken.None);
            return new PostgresServer(admin, folder, removeFolder: given is not { Length: > 0 });
        }
        catch (Exception e)
        {
            if (given is not { Length: > 0 })
            {
                Directory.Delete(folder, recursive: true);
            }

            throw e is PostgresNotInstalledException ? new PostgresUnavailableException(e.Message) : e;
        }
    }
}
