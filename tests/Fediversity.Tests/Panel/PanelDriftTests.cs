using System.Net;
using Fediversity.Panel.Data;
using Fediversity.Panel.Refresh;
using Fediversity.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Fediversity.Tests.Panel;

/// <summary>
/// What the panel's worker finds by reading resources back: changes made outside Fediversity and the data kept
/// for disabled applications, on the overview and in the next plan.
/// </summary>
public sealed class PanelDriftTests
{
    private static readonly string[] QuickRefresh = ["--Panel:RefreshMinutes=0.02"];

    [Fact]
    public async Task PeriodicRefresh_ChangesByHand_ShowOnTheOverviewAndTheNextDeploymentRepairsThem()
    {
        await using var host = await PanelHost.StartAsync(settings: QuickRefresh);
        using var client = new PanelClient(host.BaseAddress);
        await client.SignUpAsync("Golf Society", "golf@example.org");
        using (await client.SaveConfigurationAsync("golf.example"))
        {
        }

        var deployed = await PanelWaits.EndedAsync(host, await client.DeployAsync());
        Assert.Equal(DeploymentStatus.Succeeded, deployed.Status);
        var world = World(host);
        var mastodon = world.Hypervisor.FindByName("golf-society-mastodon")!;
        world.Hypervisor.Configure(mastodon.VmId, 1, mastodon.MemoryMiB, mastodon.DiskGiB);
        world.Hypervisor.Destroy(world.Hypervisor.FindByName("golf-society-pixelfed")!.VmId);

        var overview = await UntilAsync(client, "/", "pixelfed/vm</code>: gone");

        Assert.Contains("operators/golf-society/mastodon/vm</code>: changed outside Fediversity: cores 2 -&gt; 1",
            overview, StringComparison.Ordinal);
        Assert.Contains("operators/golf-society/pixelfed/vm</code>: gone: removed outside Fediversity", overview,
            StringComparison.Ordinal);
        var plan = await client.GetTextAsync("/Deploy");
        Assert.Equal(3, plan.Split("Repairs a change made outside Fediversity").Length - 1);

        var repairedRun = await PanelWaits.EndedAsync(host, await client.DeployAsync());
        Assert.Equal(DeploymentStatus.Succeeded, repairedRun.Status);
        Assert.Equal(2, world.Hypervisor.FindByName("golf-society-mastodon")!.Cores);
        Assert.NotNull(world.Hypervisor.FindByName("golf-society-pixelfed"));
        var repaired = await client.GetTextAsync("/");
        Assert.DoesNotContain("id=\"drift\"", repaired, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledApplicationKeepingItsData_IsListedAsRetainedDataWithItsSize()
    {
        await using var host = await PanelHost.StartAsync(settings: QuickRefresh);
        using var client = new PanelClient(host.BaseAddress);
        await client.SignUpAsync("Hotel Guild", "hotel@example.org");
        using (await client.SaveConfigurationAsync("hotel.example"))
        {
        }

        var deployed = await PanelWaits.EndedAsync(host, await client.DeployAsync());
        Assert.Equal(DeploymentStatus.Succeeded, deployed.Status);
        var world = World(host);
        var bucket = world.ObjectStore.FindBucket("hotel-guild-pixelfed-media")!;
        world.ObjectStore.PutObject(bucket.Id, "photo.jpg", new byte[1234]);
        Assert.DoesNotContain("id=\"retained-data\"", await client.GetTextAsync("/"), StringComparison.Ordinal);

        using (var saved = await client.SaveConfigurationAsync("hotel.example",
            ("Form.Pixelfed.Enabled", "false"), ("Form.Pixelfed.WasPresent", "true"),
            ("Form.Pixelfed.DataWhenDisabled", "keep")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(DeploymentStatus.Succeeded,
            (await PanelWaits.EndedAsync(host, await client.DeployAsync(confirmDataLoss: true))).Status);
        var overview = await UntilAsync(client, "/", "1 objects, 1234 bytes");

        Assert.Contains("id=\"retained-data\"", overview, StringComparison.Ordinal);
        Assert.Contains("<code>hotel-guild-pixelfed-media</code>: 1 objects, 1234 bytes at the last refresh", overview,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeriodicRefresh_DuringADeployment_WaitsForItToEnd()
    {
        await using var host = await PanelHost.StartAsync(cloneMs: 1500, startMs: 200, switchMs: 200);
        using var client = new PanelClient(host.BaseAddress);
        await client.SignUpAsync("Mike Chapter", "mike@example.org");
        using (await client.SaveConfigurationAsync("mike.example"))
        {
        }

        var id = await client.DeployAsync();
        var store = host.App.Services.GetRequiredService<Fediversity.Panel.Hosting.PanelOrchestrator>().Store;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await store.ListDeploymentsAsync(CancellationToken.None)).Any(d => d.Id == "mike-chapter"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The deployment never reached the state store.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var scheduler = await host.App.Services.GetRequiredService<ISchedulerFactory>()
            .GetScheduler(TestContext.Current.CancellationToken);
        await scheduler.TriggerJob(RefreshJob.Key, TestContext.Current.CancellationToken);
        var refresh = new TriggerKey("refresh-mike-chapter", "deployments");
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (await scheduler.GetTrigger(refresh, TestContext.Current.CancellationToken) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The periodic refresh queued nothing for the operator.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(DeploymentStatus.Running, (await PanelWaits.DeploymentAsync(host, id)).Status);
        Assert.NotNull(await scheduler.GetTrigger(refresh, TestContext.Current.CancellationToken));

        Assert.Equal(DeploymentStatus.Succeeded, (await PanelWaits.EndedAsync(host, id)).Status);
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (await scheduler.GetTrigger(refresh, TestContext.Current.CancellationToken) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The refresh did not run after the deployment ended.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task RefreshMinutes_Zero_StoresNoPeriodicRefresh()
    {
        await using var off = await PanelHost.StartAsync(settings: ["--Panel:RefreshMinutes=0"]);
        await using var on = await PanelHost.StartAsync();

        Assert.Null(await TriggerAsync(off));
        var trigger = Assert.IsType<ISimpleTrigger>(await TriggerAsync(on), exactMatch: false);
        Assert.Equal(TimeSpan.FromMinutes(60), trigger.RepeatInterval);
    }

    [Fact]
    public async Task RefreshMinutes_Negative_StopsTheStartNamingTheSetting()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PanelHost.StartAsync(settings: ["--Panel:RefreshMinutes=-5"]));

        Assert.Contains("Panel:RefreshMinutes", e.Message, StringComparison.Ordinal);
    }

    private static async Task<ITrigger?> TriggerAsync(PanelHost host)
    {
        var scheduler = await host.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTrigger(RefreshSchedule.TriggerKey);
    }

    private static async Task<string> UntilAsync(PanelClient client, string path, string wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var page = await client.GetTextAsync(path);
            if (page.Contains(wanted, StringComparison.Ordinal))
            {
                return page;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} never showed '{wanted}':\n{page}");
            await Task.Delay(200);
        }
    }

    private static SandboxWorld World(PanelHost host) =>
        new(Path.Combine(host.StateDirectory, "sandbox"), SandboxLatency.None, TimeProvider.System);
}
