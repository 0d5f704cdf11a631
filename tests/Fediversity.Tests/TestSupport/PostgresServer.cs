using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
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

    private static string Script => Path.Combine(Cli.Fedi.RepositoryRoot, "tests", "setup", "postgresql-cluster.sh");

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
            NpgsqlConnection.ClearAllPools();
            await RunScriptAsync("stop", Path.Combine(folder, "cluster"));
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
        Directory.CreateDirectory(folder);

        // The server runs as the postgres user when the tests run as root: it must reach its folder.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var port = FreePort();
        try
        {
            await RunScriptAsync("start", Path.Combine(folder, "cluster"), port.ToString(), passwordFile);
        }
        catch when (given is not { Length: > 0 })
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
            MaxPoolSize = 200,
        };
        return new PostgresServer(admin.ConnectionString, folder, removeFolder: given is not { Length: > 0 });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var message = $"postgresql-cluster.sh {arguments[0]} failed: {(await error).Trim()} {(await output).Trim()}";
        switch (process.ExitCode)
        {
            case 0:
                return;
            case 3:
                throw new PostgresUnavailableException((await error).Trim());
            default:
                throw new InvalidOperationException(message);
        }
    }
}
