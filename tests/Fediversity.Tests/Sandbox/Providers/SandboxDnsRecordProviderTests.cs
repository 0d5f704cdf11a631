using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Providers;
using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Sandbox.Providers;

public sealed class SandboxDnsRecordProviderTests : IAsyncLifetime
{
    private const string Zone = "acme.example.";

    private readonly TestSandbox sandbox = new();
    private readonly SandboxDnsRecordProvider provider;

    public SandboxDnsRecordProviderTests() => provider = new SandboxDnsRecordProvider(sandbox.World.Dns);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await new SandboxDnsZoneProvider(sandbox.World.Dns).CreateAsync(
            Request("acme/zone", ValueMaps.Of((DnsZoneKind.Zone, ResourceValue.Of(Zone)))), Token);

    public ValueTask DisposeAsync()
    {
        sandbox.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ResourceRequest RecordRequest(string name, params string[] records) =>
        Request("acme/dns/www", ValueMaps.Of(
            (DnsRecordKind.Zone, ResourceValue.Of(Zone)),
            (DnsRecordKind.Name, ResourceValue.Of(name)),
            (DnsRecordKind.Type, ResourceValue.Of("A")),
            (DnsRecordKind.Ttl, ResourceValue.Of(300)),
            (DnsRecordKind.Records, ResourceValue.ListOf(records))));

    [Fact]
    public async Task CreateAsync_CanonicalNameInZone_WritesTheRecordSet()
    {
        await provider.CreateAsync(RecordRequest("www.acme.example.", "198.18.0.101"), Token);

        Assert.Equal(["198.18.0.101"], sandbox.World.Dns.Get(Zone, "www.acme.example.", "A")?.Records);
    }

    [Fact]
    public async Task CreateAsync_NameWithoutFinalDot_IsRefused()
    {
        await Assert.ThrowsAsync<SandboxException>(() =>
            provider.CreateAsync(RecordRequest("www.acme.example", "198.18.0.101"), Token));
    }

    [Fact]
    public async Task CreateAsync_NameOutOfZone_IsRefused()
    {
        await Assert.ThrowsAsync<SandboxException>(() =>
            provider.CreateAsync(RecordRequest("www.globex.example.", "198.18.0.101"), Token));
    }

    [Fact]
    public async Task DeleteAsync_RecordAlreadyGone_Succeeds()
    {
        var request = RecordRequest("www.acme.example.", "198.18.0.101");
        var record = RecordOf(request, DnsRecordKind.Kind, await provider.CreateAsync(request, Token));
        await provider.DeleteAsync(record, new RecordingReporter(), Token);
        var reporter = new RecordingReporter();

        await provider.DeleteAsync(record, reporter, Token);

        Assert.Null(sandbox.World.Dns.Get(Zone, "www.acme.example.", "A"));
        Assert.Contains(reporter.Lines, l => l.Contains("already gone", StringComparison.Ordinal));
    }
}
