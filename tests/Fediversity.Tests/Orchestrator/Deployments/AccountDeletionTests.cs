using System.Text.Json;
using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.State;
using Fediversity.Providers;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.Deployments;

/// <summary>
/// Deleting an operator's account: every resource goes, the operator's logs go, the accounting records
/// stay for the retention period and are purged after it, and an audit record of the deletion remains.
/// </summary>
public sealed class AccountDeletionTests : IAsyncLifetime
{
    private const string Deployment = "acme";
    private const string Zone = "acme.example.";

    private readonly TestSandbox sandbox = new();
    private readonly CollectingSink sink = new();
    private readonly RecordingProvider things = new("thing");
    private TestStore test = null!;
    private DeploymentRunner runner = null!;
    private OperatorRecords records = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        test = await TestStore.OpenAsync(Token);
        var providers = new ProviderRegistry([.. SandboxProviders.For(sandbox.World), .. LocalProviders.All(), things]);
        runner = new DeploymentRunner(test.Store, providers, test.Time);
        records = new OperatorRecords(test.Store);
    }

    public async ValueTask DisposeAsync()
    {
        await test.DisposeAsync();
        sandbox.Dispose();
    }

    private static ResourceGraph Mastodon(long cores = 2) => ResourceGraph.Create(Deployment,
    [
        Desired("acme/ssh-key", SshKeyKind.Kind, (SshKeyKind.Comment, ResourceValue.Of("fedi@acme"))),
        Desired("acme/vm", VirtualMachineKind.Kind,
            (VirtualMachineKind.Name, ResourceValue.Of("acme-mastodon")),
            (VirtualMachineKind.Cores, ResourceValue.Of(cores)),
            (VirtualMachineKind.MemoryMiB, ResourceValue.Of(4096)),
            (VirtualMachineKind.DiskGiB, ResourceValue.Of(40)),
            (VirtualMachineKind.SshKeys, ResourceValue.ListOf(Ref("acme/ssh-key", SshKeyKind.PublicKey)))),
        Desired("acme/zone", DnsZoneKind.Kind, (DnsZoneKind.Zone, ResourceValue.Of(Zone))),
        Desired("acme/dns/www", DnsRecordKind.Kind,
            (DnsRecordKind.Zone, ResourceValue.Of(Zone)),
            (DnsRecordKind.Name, ResourceValue.Of("www." + Zone)),
            (DnsRecordKind.Type, ResourceValue.Of("A")),
            (DnsRecordKind.Ttl, ResourceValue.Of(300)),
            (DnsRecordKind.Records, ResourceValue.ListOf(Ref("acme/vm", VirtualMachineKind.Ipv4))))
            .WithDependsOn("acme/zone"),
        Desired("acme/thing", "thing").WithDependsOn("acme/vm"),
    ]);

    private static ApplyRequest Apply(ResourceGraph desired) =>
        new(desired, "sandbox", _ => true) { Holder = new LeaseHolder("alice@panel", "another-machine", 1) };

    private static ApplyRequest Destroy(TimeSpan retention) =>
        Apply(ResourceGraph.Create(Deployment, [])) with { Command = "destroy", AccountingRetention = retention };

    [Fact]
    public async Task Apply_ThenResize_ClosesThePeriodOfTheOldSizeAndOpensOneForTheNew()
    {
        var start = test.Time.GetUtcNow();
        await runner.ApplyAsync(Apply(Mastodon(cores: 2)), sink, Token);
        test.Time.Advance(TimeSpan.FromHours(5));

        await runner.ApplyAsync(Apply(Mastodon(cores: 4)), sink, Token);

        var periods = await records.AccountingAsync(Deployment, Token);
        var vm = periods.Where(p => p.Address == "acme/vm").ToList();
        Assert.Equal(2, vm.Count);
        Assert.Equal(Usage(("cores", 2), ("diskGiB", 40), ("memoryMiB", 4096)), vm[0].UsageJson);
        Assert.Equal(start.ToUnixTimeMilliseconds(), vm[0].StartedAtMs);
        Assert.Equal(start.AddHours(5).ToUnixTimeMilliseconds(), vm[0].EndedAtMs);
        Assert.Equal(Usage(("cores", 4), ("diskGiB", 40), ("memoryMiB", 4096)), vm[1].UsageJson);
        Assert.Null(vm[1].EndedAtMs);
        var zone = Assert.Single(periods, p => p.Kind == DnsZoneKind.Kind);
        Assert.Null(zone.EndedAtMs);
        Assert.DoesNotContain(periods, p => p.Kind is SshKeyKind.Kind or DnsRecordKind.Kind);
    }

    [Fact]
    public async Task Refresh_BucketGrew_StartsAPeriodAtItsNewSize()
    {
        var media = ResourceGraph.Create(Deployment,
            [Desired("acme/bucket", BucketKind.Kind, (BucketKind.Alias, ResourceValue.Of("acme-media")))]);
        await runner.ApplyAsync(Apply(media), sink, Token);
        var bucket = sandbox.World.ObjectStore.FindBucket("acme-media")!;
        sandbox.World.ObjectStore.PutObject(bucket.Id, "a.jpg", new byte[1000]);
        test.Time.Advance(TimeSpan.FromDays(1));

        await runner.RefreshAsync(Deployment, new LeaseHolder("tests", "another-machine", 1), Token);

        var periods = await records.AccountingAsync(Deployment, Token);
        Assert.Equal(2, periods.Count);
        Assert.Equal(test.Time.GetUtcNow().ToUnixTimeMilliseconds(), periods[0].EndedAtMs);
        Assert.Equal(Usage(("bytes", 1000)), periods[1].UsageJson);
        Assert.Null(periods[1].EndedAtMs);
    }

    [Fact]
    public async Task Destroy_RemovesEverythingAndTheLogs_KeepsAccountingUntilTheRetentionEnds()
    {
        await runner.ApplyAsync(Apply(Mastodon()), sink, Token);
        var privateKey = ((SecretValue)(await test.Store.LoadAsync(Deployment, Token))
            .Resources[Address("acme/ssh-key")].Outputs[SshKeyKind.PrivateKey]).Secret.Reveal();
        test.Time.Advance(TimeSpan.FromDays(10));

        var result = await runner.ApplyAsync(Destroy(TimeSpan.FromDays(30)), sink, Token);

        Assert.True(result.Succeeded);
        Assert.Empty(sandbox.World.Hypervisor.List());
        Assert.Empty(sandbox.World.Dns.Zones());
        Assert.Empty(await test.Store.ListDeploymentsAsync(Token));
        Assert.Empty(await test.Store.JournalAsync(Deployment, Token));
        Assert.Null(await test.Store.LastRunAsync(Deployment, Token));

        var audit = Assert.Single(await records.AuditAsync(Token));
        Assert.Equal((Deployment, OperatorRecords.AccountDeleted, "alice@panel"),
            (audit.Deployment, audit.Action, audit.Actor));
        Assert.Equal(test.Time.GetUtcNow().ToUnixTimeMilliseconds(), audit.AtMs);
        Assert.Equal(["acme/dns/www", "acme/ssh-key", "acme/thing", "acme/vm", "acme/zone"],
            JsonSerializer.Deserialize<string[]>(audit.RemovedJson)!);
        Assert.DoesNotContain("PRIVATE KEY", audit.RemovedJson, StringComparison.Ordinal);
        Assert.DoesNotContain(privateKey, audit.RemovedJson, StringComparison.Ordinal);
        Assert.Equal(audit.Id, result.Deletion?.Id);

        var kept = await records.AccountingAsync(Deployment, Token);
        Assert.Equal(2, kept.Count);
        var keepUntil = test.Time.GetUtcNow().AddDays(30).ToUnixTimeMilliseconds();
        Assert.All(kept, p => Assert.Equal(test.Time.GetUtcNow().ToUnixTimeMilliseconds(), p.EndedAtMs));
        Assert.All(kept, p => Assert.Equal(keepUntil, p.KeepUntilMs));

        test.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await records.PurgeExpiredAsync(Token));
        Assert.Equal(2, (await records.AccountingAsync(Deployment, Token)).Count);

        test.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await records.PurgeExpiredAsync(Token));
        Assert.Empty(await records.AccountingAsync(Deployment, Token));
        Assert.Single(await records.AuditAsync(Token));
    }

    [Fact]
    public async Task Purge_WhileTheAccountLives_KeepsItsAccountingAndThatOfOtherOperators()
    {
        await runner.ApplyAsync(Apply(Mastodon()), sink, Token);
        test.Time.Advance(TimeSpan.FromDays(100_000));

        Assert.Equal(0, await records.PurgeExpiredAsync(Token));

        Assert.Equal(2, (await records.AccountingAsync(null, Token)).Count);
    }

    [Fact]
    public async Task Destroy_StepFails_StaysDeletingUntilARerunFinishes()
    {
        await runner.ApplyAsync(Apply(Mastodon()), sink, Token);
        things.Hook = (operation, _, _) => operation == "delete"
            ? throw new ProviderException("the thing's service is down")
            : Task.CompletedTask;

        var failed = await runner.ApplyAsync(Destroy(TimeSpan.FromDays(30)), sink, Token);

        Assert.False(failed.Succeeded);
        Assert.Null(failed.Deletion);
        Assert.Equal("deleting", Assert.Single(await test.Store.ListDeploymentsAsync(Token)).Status);
        Assert.NotEmpty(sandbox.World.Hypervisor.List());
        Assert.Empty(sandbox.World.Dns.Zones());
        Assert.Empty(await records.AuditAsync(Token));
        Assert.NotEmpty(await test.Store.JournalAsync(Deployment, Token));

        things.Hook = null;
        var rerun = await runner.ApplyAsync(Destroy(TimeSpan.FromDays(30)), sink, Token);

        Assert.True(rerun.Succeeded, string.Join("; ", sink.OfType<StepFailedEvent>().Select(e => e.Error)));
        Assert.Empty(sandbox.World.Hypervisor.List());
        Assert.Empty(await test.Store.ListDeploymentsAsync(Token));
        var audit = Assert.Single(await records.AuditAsync(Token));
        Assert.Equal(["acme/dns/www", "acme/ssh-key", "acme/thing", "acme/vm", "acme/zone"],
            JsonSerializer.Deserialize<string[]>(audit.RemovedJson)!);
    }

    private static string Usage(params (string Name, long Value)[] quantities) =>
        JsonSerializer.Serialize(quantities.ToDictionary(q => q.Name, q => q.Value));
}
