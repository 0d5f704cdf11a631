using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Fediversity.Bench.Harness;

/// <summary>
/// The PostgreSQL server the benchmarks run on: the one named by <c>FEDI_BENCH_POSTGRES</c> (a superuser's
/// connection string), or else a private one that tests/setup/postgresql-cluster.sh starts on 127.0.0.1 in
/// a temporary folder, with PostgreSQL's own durability settings, on first use in this process. The
/// process that started it passes it on to its child processes through that variable and stops it at the
/// end (<see cref="StopIfStartedAsync"/>).
/// </summary>
public sealed class BenchPostgres
{
    public const string ServerVariable = "FEDI_BENCH_POSTGRES";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static BenchPostgres? shared;

    private BenchPostgres(string adminConnection, string? ownFolder)
    {
        AdminConnection = adminConnection;
        OwnFolder = ownFolder;
    }

    /// <summary>A superuser's connection to the server's maintenance database.</summary>
    public string AdminConnection { get; }

    /// <summary>The folder of the server this process started, or null when it was given.</summary>
    private string? OwnFolder { get; }

    /// <summary>The server, started on the first call.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed or did not start.</exception>
    public static async Task<BenchPostgres> GetAsync(CancellationToken cancellationToken)
    {
        await Starting.WaitAsync(cancellationToken);
        try
        {
            return shared ??= await StartAsync(cancellationToken);
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Stops the server if this process started one, and removes its folder.</summary>
    public static async Task StopIfStartedAsync()
    {
        if (shared?.OwnFolder is not { } folder)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await RunScriptAsync(CancellationToken.None, "stop", Path.Combine(folder, "cluster"));
        Environment.SetEnvironmentVariable(ServerVariable, null);
        Directory.Delete(folder, recursive: true);
        shared = null;
    }

    /// <summary>
    /// The connection string of a database of that name, which need not exist yet: the state store makes a
    /// missing database when its user may.
    /// </summary>
    public string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnection) { Database = database }.ConnectionString;

    private static async Task<BenchPostgres> StartAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return new BenchPostgres(given, null);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("The benchmarks' own PostgreSQL server runs on Linux only; set " +
                $"{ServerVariable} to a superuser's connection string of a server of your own.");
        }

        var folder = Directory.CreateTempSubdirectory("fedi-bench-postgres-").FullName;

        // The server runs as the postgres user when the benchmarks run as root: it must reach its folder.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var port = FreePort();
        try
        {
            await RunScriptAsync(cancellationToken, "start", Path.Combine(folder, "cluster"),
                port.ToString(System.Globalization.CultureInfo.InvariantCulture), passwordFile);
        }
        catch
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
            MaxPoolSize = 100,
        }.ConnectionString;
        Environment.SetEnvironmentVariable(ServerVariable, admin);
        return new BenchPostgres(admin, folder);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunScriptAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "tests", "setup", "postgresql-cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FEDI_POSTGRES_DURABLE"] = "1";
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("bash did not start postgresql-cluster.sh");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"postgresql-cluster.sh {arguments[0]} failed ({process.ExitCode}): {(await error).Trim()} " +
                $"{(await output).Trim()} Install the server with tests/setup/install-postgresql.sh, or set " +
                $"{ServerVariable} to a superuser's connection string of a server of your own.");
        }
    }
}
