using System.Net.Http.Headers;
using System.Net.Http.Json;
using ARSoft.Tools.Net.Dns;
using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.Planning;
using Fediversity.Providers;
using Fediversity.Providers.Garage;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox;
using Fediversity.Tests.Emulators.Garage;
using Fediversity.Tests.Providers.Garage;
using Fediversity.Tests.Providers.PowerDns;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.Refresh;

/// <summary>
/// Changes made by hand in the real PowerDNS and in the Garage emulator are found by a refresh, kept as
/// drift for status, planned as repairs, and repaired by the next apply.
/// </summary>
[Collection(PowerDnsCollection.Name)]
public sealed class RealProviderDriftTests(PowerDnsServer powerDns) : IAsyncLifetime
{
    private readonly TestSandbox sandbox = new();
    private readonly CollectingSink sink = new();
    private readonly string zone = DnsResources.UniqueZone("fedi.test") + ".";
    private readonly string slug = "t" + Guid.NewGuid().ToString("N")[..8];
    private GarageTestContext garage = null!;
    private TestStore test = null!;
    private DeploymentRunner runner = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Www => "www." + zone;

    private string Alias => slug + "-media";

    public async ValueTask InitializeAsync()
    {
        garage = await GarageTestContext.StartAsync();
        test = await TestStore.OpenAsync(Token);
        var providers = new ProviderRegistry([
            .. LocalProviders.All(),
            .. SandboxProviders.Machines(sandbox.World),
            .. GarageProviders.For(garage.Options, null, TimeProvider.System),
            .. powerDns.Providers(),
        ]);
        runner = new DeploymentRunner(test.Store, providers, test.Time);
    }

    public async ValueTask DisposeAsync()
    {
        await test.DisposeAsync();
        await garage.DisposeAsync();
        sandbox.Dispose();
    }

    private ResourceGraph Deployment() => ResourceGraph.Create(slug,
    [
        Desired("ssh-key", SshKeyKind.Kind, (SshKeyKind.Comment, ResourceValue.Of("fedi@" + slug))),
        Desired("vm", VirtualMachineKind.Kind,
            (VirtualMachineKind.Name, ResourceValue.Of(slug + "-mastodon")),
            (VirtualMachineKind.Cores, ResourceValue.Of(2)),
            (VirtualMachineKind.MemoryMiB, ResourceValue.Of(4096)),
            (VirtualMachineKind.DiskGiB, ResourceValue.Of(40)),
            (VirtualMachineKind.SshKeys, ResourceValue.ListOf(Ref("ssh-key", SshKeyKind.PublicKey)))),
        Desired("zone", DnsZoneKind.Kind,
            (DnsZoneKind.Zone, ResourceValue.Of(zone)),
            (DnsZoneKind.Nameservers, ResourceValue.ListOf("ns1.fedi.test.", "ns2.fedi.test."))),
        Desired("dns/www", DnsRecordKind.Kind,
            (DnsRecordKind.Zone, ResourceValue.Of(zone)),
            (DnsRecordKind.Name, ResourceValue.Of(Www)),
            (DnsRecordKind.Type, ResourceValue.Of("A")),
            (DnsRecordKind.Ttl, ResourceValue.Of(300)),
            (DnsRecordKind.Records, ResourceValue.ListOf(Ref("vm", VirtualMachineKind.Ipv4))))
            .WithDependsOn("zone"),
        Desired("bucket", BucketKind.Kind, (BucketKind.Alias, ResourceValue.Of(Alias))),
        Desired("s3-key", AccessKeyKind.Kind, (AccessKeyKind.Name, ResourceValue.Of(slug))),
        Desired("s3-grant", BucketGrantKind.Kind,
            (BucketGrantKind.BucketId, Ref("bucket", BucketKind.BucketId)),
            (BucketGrantKind.AccessKeyId, Ref("s3-key", AccessKeyKind.AccessKeyId)),
            (BucketGrantKind.Read, ResourceValue.Of(true)),
            (BucketGrantKind.Write, ResourceValue.Of(true)),
            (BucketGrantKind.Owner, ResourceValue.Of(false))),
    ]);

    private static LeaseHolder Holder => new("tests", "another-machine", 1);

    [Fact]
    public async Task DnsRecordChangedInPowerDns_IsDriftUntilTheNextApplyPutsItBack()
    {
        await ApplyAsync();
        var ipv4 = sandbox.World.Hypervisor.FindByName(slug + "-mastodon")!.Ipv4;
        Assert.Empty(await runner.RefreshAsync(slug, Holder, Token));

        await PatchRecordAsync("REPLACE", "198.51.100.7");
        var drift = Assert.Single(await runner.RefreshAsync(slug, Holder, Token));

        Assert.Equal(("dns/www", false), (drift.Address, drift.Gone));
        Assert.Contains(drift.Changes, c => c.Field == DnsRecordKind.Records && c.After!.Contains("198.51.100.7",
            StringComparison.Ordinal));
        Assert.Equal("dns/www", Assert.Single(await test.Store.DriftAsync(slug, Token)).Address);
        var step = Assert.Single((await runner.PlanAsync(Deployment(), Token)).Steps, s => s.Action != StepAction.NoOp);
        Assert.Equal(("dns/www", StepAction.Update), (step.Address.Value, step.Action));
        Assert.StartsWith("changed outside Fediversity", step.Reason, StringComparison.Ordinal);

        await ApplyAsync();

        Assert.Equal([ipv4], await LoopbackDns.DataAsync(powerDns.DnsPort, Www, RecordType.A));
        Assert.Empty(await test.Store.DriftAsync(slug, Token));
        Assert.Empty(await runner.RefreshAsync(slug, Holder, Token));
    }

    [Fact]
    public async Task DnsRecordDeletedInPowerDns_IsGoneUntilTheNextApplyMakesItAgain()
    {
        await ApplyAsync();
        var ipv4 = sandbox.World.Hypervisor.FindByName(slug + "-mastodon")!.Ipv4;

        await PatchRecordAsync("DELETE");
        var drift = Assert.Single(await runner.RefreshAsync(slug, Holder, Token));

        Assert.Equal(("dns/www", true), (drift.Address, drift.Gone));
        Assert.True(Assert.Single(await test.Store.DriftAsync(slug, Token)).Gone);
        var step = Assert.Single((await runner.PlanAsync(Deployment(), Token)).Steps, s => s.Action != StepAction.NoOp);
        Assert.Equal(("dns/www", StepAction.Create), (step.Address.Value, step.Action));

        await ApplyAsync();

        Assert.Equal([ipv4], await LoopbackDns.DataAsync(powerDns.DnsPort, Www, RecordType.A));
        Assert.Empty(await runner.RefreshAsync(slug, Holder, Token));
    }

    [Fact]
    public async Task GrantRevokedInGarage_IsDriftUntilTheNextApplyGrantsItAgain()
    {
        await ApplyAsync();
        var bucket = garage.Emulator.State.FindByAlias(Alias)!;
        var keyId = (await test.Store.LoadAsync(slug, Token)).Resources[Address("s3-key")]
            .Output(AccessKeyKind.AccessKeyId)!;
        Assert.Equal(new EmulatedPermissions(true, true, false), garage.Emulator.State.GrantOf(bucket.Id, keyId));

        await DenyAllAsync(bucket.Id, keyId);
        var drift = Assert.Single(await runner.RefreshAsync(slug, Holder, Token));

        Assert.Equal("s3-grant", drift.Address);
        Assert.Contains(drift.Changes, c => c is { Field: BucketGrantKind.Read, After: "false" });
        Assert.Contains(drift.Changes, c => c is { Field: BucketGrantKind.Write, After: "false" });
        Assert.Equal("s3-grant", Assert.Single(await test.Store.DriftAsync(slug, Token)).Address);
        var step = Assert.Single((await runner.PlanAsync(Deployment(), Token)).Steps, s => s.Action != StepAction.NoOp);
        Assert.Equal("s3-grant", step.Address.Value);

        await ApplyAsync();

        Assert.Equal(new EmulatedPermissions(true, true, false), garage.Emulator.State.GrantOf(bucket.Id, keyId));
        Assert.Empty(await runner.RefreshAsync(slug, Holder, Token));
    }

    [Fact]
    public async Task KeyDeletedInGarage_KeyAndGrantAreGoneUntilTheNextApplyMakesThemAgain()
    {
        await ApplyAsync();
        var bucket = garage.Emulator.State.FindByAlias(Alias)!;
        var oldKey = (await test.Store.LoadAsync(slug, Token)).Resources[Address("s3-key")]
            .Output(AccessKeyKind.AccessKeyId)!;

        await AdminAsync($"v2/DeleteKey?id={oldKey}", new { });
        var drifts = await runner.RefreshAsync(slug, Holder, Token);

        Assert.Equal(["s3-grant", "s3-key"], drifts.Where(d => d.Gone).Select(d => d.Address).Order());
        var plan = await runner.PlanAsync(Deployment(), Token);
        Assert.Equal(["s3-grant", "s3-key"],
            plan.Steps.Where(s => s.Action == StepAction.Create).Select(s => s.Address.Value).Order());

        await ApplyAsync();

        var newKey = (await test.Store.LoadAsync(slug, Token)).Resources[Address("s3-key")]
            .Output(AccessKeyKind.AccessKeyId)!;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(new EmulatedPermissions(true, true, false), garage.Emulator.State.GrantOf(bucket.Id, newKey));
        Assert.Empty(await runner.RefreshAsync(slug, Holder, Token));
    }

    [Fact]
    public async Task Destroy_AfterTheRecordWasDeletedByHand_RemovesEverythingElse()
    {
        await ApplyAsync();
        await PatchRecordAsync("DELETE");

        var destroy = new ApplyRequest(ResourceGraph.Create(slug, []), "test", _ => true)
        {
            Holder = Holder, Command = "destroy",
        };
        var result = await runner.ApplyAsync(destroy, sink, Token);

        Assert.True(result.Succeeded, string.Join("; ", sink.OfType<StepFailedEvent>().Select(e => e.Error)));
        Assert.Null(garage.Emulator.State.FindByAlias(Alias));
        Assert.Empty(sandbox.World.Hypervisor.List());
        Assert.Empty(await LoopbackDns.DataAsync(powerDns.DnsPort, zone, RecordType.Soa));
    }

    private async Task ApplyAsync()
    {
        var request = new ApplyRequest(Deployment(), "test", _ => true) { Holder = Holder };
        var result = await runner.ApplyAsync(request, sink, Token);
        Assert.True(result.Succeeded, string.Join("; ", sink.OfType<StepFailedEvent>().Select(e => e.Error)));
    }

    /// <summary>Changes the www record through the PowerDNS API, as someone outside Fediversity would.</summary>
    private async Task PatchRecordAsync(string changetype, params string[] addresses)
    {
        var url = new Uri(powerDns.ApiUrl, $"api/v1/servers/localhost/zones/{zone}");
        using var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = JsonContent.Create(new
            {
                rrsets = new[]
                {
                    new
                    {
                        name = Www, type = "A", ttl = 300, changetype,
                        records = addresses.Select(a => new { content = a, disabled = false }).ToArray(),
                    },
                },
            }),
        };
        request.Headers.Add("X-API-Key", powerDns.ApiKey.Reveal());
        using var response = await powerDns.Http.SendAsync(request, Token);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Revokes every flag of the key on the bucket through Garage's admin API, as people would.</summary>
    private Task DenyAllAsync(string bucketId, string keyId) => AdminAsync("v2/DenyBucketKey", new
    {
        bucketId, accessKeyId = keyId, permissions = new { read = true, write = true, owner = true },
    });

    /// <summary>Calls Garage's admin API directly, as its administrator would.</summary>
    private async Task AdminAsync(string path, object body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(garage.Emulator.AdminEndpoint, path))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GarageTestContext.Token);
        using var response = await http.SendAsync(request, Token);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
    }
}
