using Fediversity.Panel.Data;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Panel;

/// <summary>The panel on a real PostgreSQL: its data and the job store shared by several panel processes.</summary>
public sealed class PanelPostgresTests
{
    [Fact]
    public async Task Deploy_QueuedOnAPanelWithoutWorkers_IsRunByAnotherPanelOfTheCluster()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.DatabaseForAsync(typeof(PanelPostgresTests));
        using var shared = new TempDirectory();
        string[] common =
        [
            "--Panel:Database=" + database,
            "--Panel:StateDirectory=" + shared.File("state"),
        ];

        await using var pages = await PanelHost.StartAsync(settings: [.. common, "--Panel:RunWorkers=false"]);
        await using var worker = await PanelHost.StartAsync(settings: [.. common, "--Panel:RunWorkers=true"]);
        using var client = new PanelClient(pages.BaseAddress);
        await client.SignUpAsync("Lighthouse Press", "desk@lighthouse.example");
        using (await client.SaveConfigurationAsync("lighthouse.example"))
        {
        }

        var id = await client.DeployAsync();
        var ended = await PanelWaits.EndedAsync(pages, id);

        Assert.Equal(DeploymentStatus.Succeeded, ended.Status);
        var progress = await client.GetTextAsync($"/Deployments/{id}");
        Assert.Contains("https://social.lighthouse.example/", progress, StringComparison.Ordinal);
        Assert.Contains("Pixelfed: create admin account", progress, StringComparison.Ordinal);
        using var reveal = await client.PostFormAsync($"/Deployments/{id}", $"/Deployments/{id}/Credentials", []);
        Assert.Equal(System.Net.HttpStatusCode.OK, reveal.StatusCode);
    }
}
