using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Providers;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Sandbox.Providers;

public sealed class SandboxAccessKeyProviderTests : IDisposable
{
    private readonly TestSandbox sandbox = new();
    private readonly SandboxAccessKeyProvider provider;

    public SandboxAccessKeyProviderTests() => provider = new SandboxAccessKeyProvider(sandbox.World.ObjectStore);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => sandbox.Dispose();

    private static Fediversity.Resources.Providers.ResourceRequest KeyRequest() =>
        Request("acme/key", ValueMaps.Of((AccessKeyKind.Name, ResourceValue.Of("acme-media-key"))));

    [Fact]
    public async Task CreateAsync_KeyLeftByAnInterruptedRun_TakesItOverWithItsSecret()
    {
        var left = await sandbox.World.ObjectStore.CreateKeyAsync("acme-media-key", Token);

        var outputs = await provider.CreateAsync(KeyRequest(), Token);

        Assert.Equal(ResourceValue.Of(left.Id), outputs[AccessKeyKind.AccessKeyId]);
        Assert.Equal(left.Secret, Assert.IsType<SecretValue>(outputs[AccessKeyKind.SecretAccessKey]).Secret.Reveal());
        Assert.Single(sandbox.World.ObjectStore.Keys());
    }

    [Fact]
    public async Task CreateAsync_SecretAccessKey_IsASecret()
    {
        var outputs = await provider.CreateAsync(KeyRequest(), Token);

        Assert.IsType<SecretValue>(outputs[AccessKeyKind.SecretAccessKey]);
        Assert.StartsWith("GK", ((TextValue)outputs[AccessKeyKind.AccessKeyId]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_KeyAlreadyGone_Succeeds()
    {
        var request = KeyRequest();
        var record = RecordOf(request, AccessKeyKind.Kind, await provider.CreateAsync(request, Token));
        await provider.DeleteAsync(record, new RecordingReporter(), Token);

        await provider.DeleteAsync(record, new RecordingReporter(), Token);

        Assert.Empty(sandbox.World.ObjectStore.Keys());
    }
}
