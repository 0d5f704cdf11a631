using System.Net;
using Fediversity.Panel.Data;
using Fediversity.Panel.Deployments;
using Fediversity.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fediversity.Tests.Panel;

/// <summary>
/// The live channel under many watchers: each gets every event once and in order, a resumed one only what it
/// missed, and the database is read once per poll for all watchers of a deployment, not once per watcher.
/// </summary>
public sealed class PanelLiveProgressTests
{
    [Fact]
    public async Task Events_ManyWatchersOfOneDeployment_EachGetEveryEventOnceInOrder()
    {
        await using var host = await PanelHost.StartAsync(cloneMs: 300, startMs: 100, switchMs: 300);
        using var client = await SignedUpAsync(host, "Harbour Radio");
        var id = await client.DeployAsync();

        await AssertEveryWatcherGetsEveryEventInOrderAsync(client, host, id, watchers: 25);
    }

    [Fact]
    public async Task Events_TwentyWatchersOfOneDeployment_ReadTheDatabaseOncePerPoll()
    {
        await using var host = await PanelHost.StartAsync(cloneMs: 4000, startMs: 500, switchMs: 2000);
        using var client = await SignedUpAsync(host, "Quarry Weekly");
        using var counter = new EventReadCounter(host.DataDirectory);
        var id = await client.DeployAsync();
        var watchers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.WatchAsync(id)));
        try
        {
            await UntilAsync(() => Feeds(host).Watching(id) == 20, "all twenty watchers joined");

            var before = counter.Reads;
            await Task.Delay(DeploymentFeeds.Poll * 8, TestContext.Current.CancellationToken);
            var reads = counter.Reads - before;

            var record = await PanelWaits.DeploymentAsync(host, id);
            Assert.Equal(DeploymentStatus.Running, record.Status);
            Assert.InRange(reads, 1, 16);
        }
        finally
        {
            await DisposeAllAsync(watchers);
            await PanelWaits.EndedAsync(host, id);
        }
    }

    [Fact]
    public async Task Events_ResumedWithLastEventId_GetOnlyWhatTheyMissed()
    {
        await using var host = await PanelHost.StartAsync(cloneMs: 1500, startMs: 200, switchMs: 1000);
        using var client = await SignedUpAsync(host, "Moorland Choir");
        var id = await client.DeployAsync();
        await using var first = await client.WatchAsync(id);
        await UntilAsync(() => first.Ids.Count >= 4, "the first watcher saw four events");
        var seen = first.Ids[1];

        await using var resumed = await client.WatchAsync(id, lastEventId: seen);
        var all = await first.EndedAsync();
        var missed = await resumed.EndedAsync();

        var stored = await EventIdsAsync(host, id);
        Assert.Equal(stored, all);
        Assert.Equal(stored.Where(e => e > seen), missed);
        Assert.Equal("succeeded", resumed.End);
    }

    [Fact]
    public async Task Events_OfAnotherOperatorsDeployment_AreNotFoundAndStartNoReader()
    {
        await using var host = await PanelHost.StartAsync();
        using var bob = await SignedUpAsync(host, "Bob Newsroom");
        using var alice = await SignedUpAsync(host, "Alice Collective");
        var bobs = await bob.DeployAsync();

        await using (var stream = await alice.WatchAsync(bobs))
        {
            Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
            Assert.Equal(0, Feeds(host).Readers);
        }

        await PanelWaits.EndedAsync(host, bobs);
    }

    [Fact]
    public async Task Events_LastWatcherLeaving_StopsTheSharedReader()
    {
        await using var host = await PanelHost.StartAsync(cloneMs: 4000, startMs: 500, switchMs: 2000);
        using var client = await SignedUpAsync(host, "Lantern Theatre");
        using var counter = new EventReadCounter(host.DataDirectory);
        var id = await client.DeployAsync();
        var watchers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.WatchAsync(id)));
        await UntilAsync(() => Feeds(host).Watching(id) == 5, "all five watchers joined");
        Assert.Equal(1, Feeds(host).Readers);

        await DisposeAllAsync(watchers);
        await UntilAsync(() => Feeds(host).Readers == 0, "the reader stopped");
        var before = counter.Reads;
        await Task.Delay(DeploymentFeeds.Poll * 4, TestContext.Current.CancellationToken);

        Assert.Equal(before, counter.Reads);
        Assert.Equal(DeploymentStatus.Running, (await PanelWaits.DeploymentAsync(host, id)).Status);
        await PanelWaits.EndedAsync(host, id);
    }

    [Fact]
    public async Task Events_WrittenByAnotherPanelOfTheCluster_ReachEveryWatcherOnceInOrder()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.DatabaseForAsync(typeof(PanelLiveProgressTests));
        using var shared = new TempDirectory();
        string[] common = ["--Panel:Database=" + database, "--Panel:StateDirectory=" + shared.File("state")];
        await using var pages = await PanelHost.StartAsync(settings: [.. common, "--Panel:RunWorkers=false"]);
        await using var worker = await PanelHost.StartAsync(
            cloneMs: 300, startMs: 100, switchMs: 300, settings: [.. common, "--Panel:RunWorkers=true"]);
        using var client = await SignedUpAsync(pages, "Estuary Gazette");
        var id = await client.DeployAsync();

        await AssertEveryWatcherGetsEveryEventInOrderAsync(client, pages, id, watchers: 10);
    }

    /// <summary>
    /// Opens <paramref name="watchers"/> live channels on the deployment and checks that each one receives every
    /// event the panel stored for it, once and in order, up to the deployment's successful end.
    /// </summary>
    private static async Task AssertEveryWatcherGetsEveryEventInOrderAsync(
        PanelClient client, PanelHost storedBy, long id, int watchers)
    {
        var streams = await Task.WhenAll(Enumerable.Range(0, watchers).Select(_ => client.WatchAsync(id)));
        try
        {
            var received = await Task.WhenAll(streams.Select(w => w.EndedAsync()));

            var stored = await EventIdsAsync(storedBy, id);
            Assert.True(stored.Count > 20, $"the deployment wrote only {stored.Count} events");
            Assert.All(received, ids => Assert.Equal(stored, ids));
            Assert.All(streams, w => Assert.Equal("succeeded", w.End));
        }
        finally
        {
            await DisposeAllAsync(streams);
        }
    }

    private static async Task<PanelClient> SignedUpAsync(PanelHost host, string organisation)
    {
        var client = new PanelClient(host.BaseAddress);
        var name = organisation.Replace(' ', '-').ToLowerInvariant();
        await client.SignUpAsync(organisation, $"desk@{name}.example");
        using var saved = await client.SaveConfigurationAsync($"{name}.example");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return client;
    }

    private static DeploymentFeeds Feeds(PanelHost host) => host.App.Services.GetRequiredService<DeploymentFeeds>();

    private static async Task<List<long>> EventIdsAsync(PanelHost host, long deployment)
    {
        var factory = host.App.Services.GetRequiredService<IDbContextFactory<PanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.DeploymentEvents.Where(e => e.DeploymentId == deployment)
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited in vain until {what}.");
            await Task.Delay(20);
        }
    }

    private static async Task DisposeAllAsync(IEnumerable<EventStream> streams)
    {
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }
}
