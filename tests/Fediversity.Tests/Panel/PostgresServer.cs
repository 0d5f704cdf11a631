using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fediversity.Tests.Panel;

/// <summary>
/// A private PostgreSQL cluster of Debian's server on 127.0.0.1, made in a temporary folder for one test
/// and removed after it. As root, the server runs as the postgres user, which PostgreSQL requires.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string bin;
    private readonly string folder;

    private PostgresServer(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=fedi;Database={database};Pooling=true";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        Assert.True(bin is not null,
            "PostgreSQL's server is missing; tests/setup/install-postgresql.sh installs it (tests/run.sh runs it).");

        var folder = Directory.CreateTempSubdirectory("fedi-pg-").FullName;
        var server = new PostgresServer(bin!, folder, FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", folder);
        }

        await server.AsServerUserAsync("initdb", "-D", Path.Combine(folder, "data"), "-U", "fedi", "-A", "trust",
            "--no-sync");
        await server.AsServerUserAsync("pg_ctl", "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"),
            "-w", "-o", $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return server;
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsServerUserAsync("pg_ctl", "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task AsServerUserAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
            : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {await output}{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
