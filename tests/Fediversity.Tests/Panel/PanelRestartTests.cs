using Fediversity.Panel.Data;
using Fediversity.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fediversity.Tests.Panel;

/// <summary>A panel stopped in the middle of a deployment loses nothing: the next start finishes it.</summary>
public sealed class PanelRestartTests
{
    [Fact]
    public async Task Restart_DuringADeployment_ResumesItToTheEnd()
    {
        using var data = new TempDirectory();
        var host = await PanelHost.StartAsync(cloneMs: 3000, startMs: 500, switchMs: 500, reuse: data);
        try
        {
            using var client = new PanelClient(host.BaseAddress);
            await client.SignUpAsync("Harbour School", "it@harbour.example");
            using (await client.SaveConfigurationAsync("harbour.example"))
            {
            }

            var id = await client.DeployAsync();
            await WaitForAStepAsync(host, id);

            host = await host.RestartAsync(cloneMs: 300, startMs: 100, switchMs: 100);
            var ended = await PanelWaits.EndedAsync(host, id);

            Assert.Equal(DeploymentStatus.Succeeded, ended.Status);
            var notes = await EventsAsync(host, id, "note");
            Assert.Contains(notes, n => n.Contains("goes on from where it was", StringComparison.Ordinal));
            var summaries = await EventsAsync(host, id, "summary");
            Assert.Single(summaries);
        }
        finally
        {
            await host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task WaitForAStepAsync(PanelHost host, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await EventsAsync(host, id, "step-done")).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No step of the deployment ended.");
            await Task.Delay(50);
        }

        Assert.Equal(DeploymentStatus.Running, (await PanelWaits.DeploymentAsync(host, id)).Status);
    }

    private static async Task<List<string>> EventsAsync(PanelHost host, long id, string type)
    {
        var factory = host.App.Services.GetRequiredService<IDbContextFactory<PanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.DeploymentEvents.Where(e => e.DeploymentId == id && e.Type == type)
            .Select(e => e.Json).ToListAsync();
    }
}
