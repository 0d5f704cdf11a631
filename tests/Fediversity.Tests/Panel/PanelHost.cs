using Fediversity.Panel.Hosting;
using Fediversity.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Fediversity.Tests.Panel;

/// <summary>
/// A real panel on 127.0.0.1 with a fresh data folder and a sandbox environment whose stand-ins take
/// the given time, stopped and removed on dispose.
/// </summary>
internal sealed class PanelHost : IAsyncDisposable
{
    private readonly TempDirectory data;
    private readonly bool ownsData;
    private readonly string? postgresDatabase;

    private PanelHost(WebApplication app, TempDirectory data, bool ownsData, string? postgresDatabase)
    {
        App = app;
        this.data = data;
        this.ownsData = ownsData;
        this.postgresDatabase = postgresDatabase;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory => data.Path;

    /// <summary>The orchestrator's state folder, as <c>fedi --state</c> takes it.</summary>
    public string StateDirectory => Path.Combine(data.Path, "panel", "state");

    /// <summary>The hosting environment file the panel runs with.</summary>
    public string EnvironmentFile => Path.Combine(data.Path, "environment.json");

    /// <summary>Starts a panel; on <see cref="StoreKind.Postgres"/>, its tables go to a new database of its own on
    /// the tests' PostgreSQL server, which the panel makes and the dispose drops.</summary>
    public static async Task<PanelHost> StartAsync(
        int cloneMs = 0, int startMs = 0, int switchMs = 0, TempDirectory? reuse = null, string[]? settings = null,
        StoreKind database = StoreKind.Sqlite)
    {
        string? postgresDatabase = null;
        if (database == StoreKind.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            postgresDatabase = "fedi_panel_" + Guid.NewGuid().ToString("N");
            settings = [.. settings ?? [], "--Panel:Database=" + server.ConnectionTo(postgresDatabase)];
        }

        var data = reuse ?? new TempDirectory();
        var environment = Path.Combine(data.Path, "environment.json");
        await File.WriteAllTextAsync(environment, $$"""
            {
              "version": 1,
              "name": "sandbox",
              "machines": { "type": "sandbox", "cloneMs": {{cloneMs}}, "startMs": {{startMs}}, "switchMs": {{switchMs}} },
              "storage": { "type": "sandbox", "operationMs": 20 },
              "dns": { "type": "sandbox", "operationMs": 10 },
              "mail": { "host": "mail.sandbox.internal", "fromDomain": "sandbox.internal" }
            }
            """);

        var app = await PanelApp.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            "--Panel:DataDirectory=" + Path.Combine(data.Path, "panel"),
            "--Panel:Environment=" + environment,
            "--Logging:LogLevel:Default=Warning",
            .. settings ?? [],
        ], CancellationToken.None);
        await app.StartAsync();
        return new PanelHost(app, data, reuse is null, postgresDatabase);
    }

    /// <summary>Stops this panel and starts another on the same data folder, as a restart does.</summary>
    public async Task<PanelHost> RestartAsync(int cloneMs = 0, int startMs = 0, int switchMs = 0)
    {
        await App.StopAsync();
        await App.DisposeAsync();
        return await StartAsync(cloneMs, startMs, switchMs, data);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by a restart.
        }

        if (ownsData)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Dispose();
        }

        if (postgresDatabase is not null)
        {
            var server = await PostgresServer.GetAsync();
            await using var connection = new NpgsqlConnection(server.AdminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand(
                $"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
