using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Fediversity.Providers.PowerDns;
using Fediversity.Resources;
using Fediversity.Resources.Providers;
using Microsoft.Data.Sqlite;

namespace Fediversity.Tests.Providers.PowerDns;

/// <summary>
/// A real PowerDNS Authoritative server (Debian's pdns-server with the SQLite backend) run by the tests
/// as the current user: its database, configuration and sockets in a temporary folder, its DNS and
/// HTTP ports free ports on 127.0.0.1 only, security polling off so that it asks no other host.
/// It is stopped and its folder removed when the tests that share it end.
/// </summary>
public sealed class PowerDnsServer : IAsyncLifetime
{
    private ServerProcess? process;
    private DirectoryInfo? folder;

    public Uri ApiUrl { get; private set; } = new("http://127.0.0.1/");

    public Secret ApiKey { get; } = new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public int DnsPort { get; private set; }

    /// <summary>A client for calling the API directly, as someone outside Fediversity would.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public PowerDnsOptions Options(Secret? apiKey = null, string serverId = "localhost") =>
        new(ApiUrl, apiKey ?? ApiKey, serverId, ["ns1.fedi.test", "ns2.fedi.test"]) { Retries = 1 };

    internal IReadOnlyList<ResourceProvider> Providers(PowerDnsOptions? options = null) =>
        PowerDnsProviders.For(options ?? Options(), Http, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        var program = ServerTools.Find("pdns_server");
        var schema = ServerTools.FindFile(
            "The PowerDNS SQLite schema",
            "/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql",
            "/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql");
        ServerTools.FindFile(
            "The PowerDNS SQLite backend",
            "/usr/lib/x86_64-linux-gnu/pdns/libgsqlite3backend.so",
            "/usr/lib/aarch64-linux-gnu/pdns/libgsqlite3backend.so",
            "/usr/lib/pdns/libgsqlite3backend.so");

        folder = Directory.CreateTempSubdirectory("fedi-pdns-");
        var database = Path.Combine(folder.FullName, "pdns.sqlite3");
        CreateDatabase(database, await File.ReadAllTextAsync(schema));

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await StartAsync(program, database);
                return;
            }
            catch (InvalidOperationException e)
            {
                // Most likely a port taken between choosing it and binding it: choose again.
                last = e;
                process?.Dispose();
                process = null;
            }
        }

        throw last!;
    }

    public ValueTask DisposeAsync()
    {
        process?.Dispose();
        Http.Dispose();
        try
        {
            folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleaning.
        }

        return ValueTask.CompletedTask;
    }

    private async Task StartAsync(string program, string database)
    {
        DnsPort = LoopbackPorts.Free();
        var webPort = LoopbackPorts.Free();
        ApiUrl = new Uri($"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}/");

        string[] settings =
        [
            "launch=gsqlite3",
            $"gsqlite3-database={database}",
            "local-address=127.0.0.1",
            $"local-port={DnsPort}",
            "api=yes",
            $"api-key={ApiKey.Reveal()}",
            "webserver=yes",
            "webserver-address=127.0.0.1",
            $"webserver-port={webPort}",
            "webserver-allow-from=127.0.0.1",
            $"socket-dir={folder!.FullName}",
            "guardian=no",
            "daemon=no",
            "disable-syslog=yes",
            "security-poll-suffix=",
            "receiver-threads=1",
            "distributor-threads=1",
            "cache-ttl=0",
            "query-cache-ttl=0",
            "negquery-cache-ttl=0",
            "zone-cache-refresh-interval=0",
        ];
        await File.WriteAllLinesAsync(Path.Combine(folder.FullName, "pdns.conf"), settings);

        process = new ServerProcess(program, [$"--config-dir={folder.FullName}"], folder.FullName);
        await WaitUntilReadyAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"pdns_server stopped while starting:\n{process.Output}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ApiUrl, "api/v1/servers/localhost"));
                request.Headers.Add("X-API-Key", ApiKey.Reveal());
                using var response = await Http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"pdns_server did not answer on {ApiUrl} within 20 s:\n{process!.Output}");
    }

    private static void CreateDatabase(string path, string schema)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = schema;
        command.ExecuteNonQuery();
    }
}
