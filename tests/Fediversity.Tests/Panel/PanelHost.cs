using Fediversity.Panel.Hosting;
using Fediversity.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace Fediversity.Tests.Panel;

/// <summary>
/// A real panel on 127.0.0.1 with a fresh data folder and a sandbox environment whose stand-ins take
/// the given time, stopped and removed on dispose.
/// </summary>
internal sealed class PanelHost : IAsyncDisposable
{
    private readonly TempDirectory data;
    private readonly bool ownsData;

    private PanelHost(WebApplication app, TempDirectory data, bool ownsData)
    {
        App = app;
        this.data = data;
        this.ownsData = ownsData;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory => data.Path;

    /// <summary>The orchestrator's state folder, as <c>fedi --state</c> takes it.</summary>
    public string StateDirectory => Path.Combine(data.Path, "panel", "state");

    /// <summary>The hosting environment file the panel runs with.</summary>
    public string EnvironmentFile => Path.Combine(data.Path, "environment.json");

    public static async Task<PanelHost> StartAsync(
        int cloneMs = 0, int startMs = 0, int switchMs = 0, TempDirectory? reuse = null, string[]? settings = null)
    {
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
        return new PanelHost(app, data, reuse is null);
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
    }
}
