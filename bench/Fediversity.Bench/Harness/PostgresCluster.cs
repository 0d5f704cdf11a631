using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Fediversity.Bench.Harness;

/// <summary>
/// A private PostgreSQL server in a folder of its own, listening on 127.0.0.1 only, started and stopped through
/// tests/setup/postgresql-cluster.sh. The tests run one that skips flushes to the disk; the benchmarks one with
/// PostgreSQL's own durability.
/// </summary>
public static class PostgresCluster
{
    /// <summary>
    /// Starts a server whose data lives in <paramref name="folder"/> (reusing a cluster made there before) and
    /// returns a superuser's connection string to its maintenance database.
    /// </summary>
    /// <exception cref="PostgresNotInstalledException">initdb and pg_ctl were not found.</exception>
    /// <exception cref="InvalidOperationException">The server did not start; the message holds its log.</exception>
    public static async Task<string> StartAsync(
        string folder, bool durable, int maxPoolSize, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PostgresNotInstalledException("A private PostgreSQL server runs on Linux only.");
        }

        Directory.CreateDirectory(folder);

        // The server runs as the postgres user when started by root: it must reach its folder.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        // A cluster made there before keeps the superuser password it was made with.
        var passwordFile = Path.Combine(folder, "password");
        var password = File.Exists(Path.Combine(folder, "cluster", "data", "PG_VERSION")) && File.Exists(passwordFile)
            ? (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim()
            : Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var port = FreePort();
        await RunScriptAsync(durable, cancellationToken, "start", Path.Combine(folder, "cluster"),
            port.ToString(CultureInfo.InvariantCulture), passwordFile);

        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
            MaxPoolSize = maxPoolSize,
        }.ConnectionString;
    }

    /// <summary>Stops the server of <paramref name="folder"/>, if it runs; the folder is left to the caller.</summary>
    public static Task StopAsync(string folder, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        return RunScriptAsync(durable: false, cancellationToken, "stop", Path.Combine(folder, "cluster"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunScriptAsync(
        bool durable, CancellationToken cancellationToken, params string[] arguments)
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

        start.Environment["FEDI_POSTGRES_DURABLE"] = durable ? "1" : "0";
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("bash did not start postgresql-cluster.sh");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        switch (process.ExitCode)
        {
            case 0:
                return;
            case 3:
                throw new PostgresNotInstalledException((await error).Trim());
            default:
                throw new InvalidOperationException(
                    $"postgresql-cluster.sh {arguments[0]} failed ({process.ExitCode}): {(await error).Trim()} " +
                    (await output).Trim());
        }
    }
}
