using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Sandbox.Services;

public sealed class SandboxDnsServerTests : IAsyncLifetime
{
    private const string Zone = "acme.example.";

    private readonly TestSandbox sandbox = new();

    private SandboxDnsServer Dns => sandbox.World.Dns;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await Dns.EnsureZoneAsync(Zone, ["ns1.host.example."], Token);

    public ValueTask DisposeAsync()
    {
        sandbox.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("www.acme.example")]
    [InlineData("acme.example")]
    public async Task ReplaceAsync_NameWithoutFinalDot_IsRefused(string name)
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() =>
            Dns.ReplaceAsync(Zone, new SandboxRecordSet(name, "A", 300, ["198.18.0.1"]), Token));

        Assert.Contains("canonical", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("www.other.example.")]
    [InlineData("badacme.example.")]
    [InlineData("example.")]
    public async Task ReplaceAsync_NameOutsideTheZone_IsRefused(string name)
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() =>
            Dns.ReplaceAsync(Zone, new SandboxRecordSet(name, "A", 300, ["198.18.0.1"]), Token));

        Assert.Contains("out of zone", error.Message, StringComparison.Ordinal);
        Assert.Empty(Dns.RecordSets(Zone));
    }

    [Fact]
    public async Task EnsureZoneAsync_NameWithoutFinalDot_IsRefused()
    {
        await Assert.ThrowsAsync<SandboxException>(() => Dns.EnsureZoneAsync("globex.example", [], Token));
    }

    [Fact]
    public async Task ReplaceAsync_ZoneMissing_IsRefused()
    {
        await Assert.ThrowsAsync<SandboxException>(() =>
            Dns.ReplaceAsync("globex.example.", new SandboxRecordSet("www.globex.example.", "A", 300, []), Token));
    }

    [Fact]
    public async Task ReplaceAsync_ApexAndSubdomain_AreAcceptedAndReplacedWhole()
    {
        await Dns.ReplaceAsync(Zone, new SandboxRecordSet(Zone, "MX", 300, ["10 mail.acme.example."]), Token);
        await Dns.ReplaceAsync(Zone, new SandboxRecordSet("www.acme.example.", "A", 300, ["198.18.0.1", "198.18.0.2"]), Token);

        await Dns.ReplaceAsync(Zone, new SandboxRecordSet("www.acme.example.", "A", 60, ["198.18.0.3"]), Token);

        var www = Dns.Get(Zone, "www.acme.example.", "A");
        Assert.Equal(60, www?.Ttl);
        Assert.Equal(["198.18.0.3"], www?.Records);
        Assert.Equal(2, Dns.RecordSets(Zone).Count);
    }

    [Fact]
    public async Task DeleteAsync_AlreadyGone_ReturnsFalse()
    {
        await Dns.ReplaceAsync(Zone, new SandboxRecordSet("www.acme.example.", "A", 300, ["198.18.0.1"]), Token);

        Assert.True(await Dns.DeleteAsync(Zone, "www.acme.example.", "A", Token));
        Assert.False(await Dns.DeleteAsync(Zone, "www.acme.example.", "A", Token));
        Assert.False(await Dns.DeleteAsync("gone.example.", "www.gone.example.", "A", Token));
    }
}
