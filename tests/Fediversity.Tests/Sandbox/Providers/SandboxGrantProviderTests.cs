using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Providers;
using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Sandbox.Providers;

public sealed class SandboxGrantProviderTests : IAsyncLifetime
{
    private readonly TestSandbox sandbox = new();
    private readonly SandboxGrantProvider provider;
    private SandboxBucket bucket = null!;
    private SandboxKey key = null!;

    public SandboxGrantProviderTests() => provider = new SandboxGrantProvider(sandbox.World.ObjectStore);

    private SandboxObjectStore Store => sandbox.World.ObjectStore;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        bucket = await Store.CreateBucketAsync("acme-media", Token);
        key = await Store.CreateKeyAsync("acme-key", Token);
    }

    public ValueTask DisposeAsync()
    {
        sandbox.Dispose();
        return ValueTask.CompletedTask;
    }

    private ResourceRequest GrantRequest(bool read, bool write, bool owner) => Request("acme/grant", ValueMaps.Of(
        (BucketGrantKind.BucketId, ResourceValue.Of(bucket.Id)),
        (BucketGrantKind.AccessKeyId, ResourceValue.Of(key.Id)),
        (BucketGrantKind.Read, ResourceValue.Of(read)),
        (BucketGrantKind.Write, ResourceValue.Of(write)),
        (BucketGrantKind.Owner, ResourceValue.Of(owner))));

    private SandboxPermissions? Granted() => Store.GetBucket(bucket.Id)!.Keys.GetValueOrDefault(key.Id);

    [Fact]
    public async Task CreateAsync_KeyHeldMoreThanAsked_SetsExactlyTheRequestedFlags()
    {
        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(false, true, true), Token);

        await provider.CreateAsync(GrantRequest(read: true, write: false, owner: false), Token);

        Assert.Equal(new SandboxPermissions(true, false, false), Granted());
    }

    [Fact]
    public async Task UpdateAsync_FewerFlags_TakesTheOthersAway()
    {
        await provider.CreateAsync(GrantRequest(read: true, write: true, owner: true), Token);

        await provider.UpdateAsync(GrantRequest(read: true, write: true, owner: false), Token);

        Assert.Equal(new SandboxPermissions(true, true, false), Granted());
    }

    [Fact]
    public async Task DeleteAsync_Grant_RemovesItAndAgainWhenTheBucketIsGone()
    {
        var request = GrantRequest(read: true, write: true, owner: false);
        var record = RecordOf(request, BucketGrantKind.Kind, await provider.CreateAsync(request, Token));

        await provider.DeleteAsync(record, new RecordingReporter(), Token);
        Assert.Null(Granted());

        await Store.DeleteBucketAsync(bucket.Id, Token);
        await provider.DeleteAsync(record, new RecordingReporter(), Token);
    }

    [Fact]
    public async Task ReadAsync_GrantChangedOutsideFediversity_ShowsTheDrift()
    {
        var request = GrantRequest(read: true, write: true, owner: false);
        var record = RecordOf(request, BucketGrantKind.Kind, await provider.CreateAsync(request, Token));
        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(true, false, true), Token);

        var reading = await provider.ReadAsync(record, Token);

        Assert.Equal(ResourceValue.Of(false), reading?.Inputs[BucketGrantKind.Write]);
        Assert.Equal(ResourceValue.Of(true), reading?.Inputs[BucketGrantKind.Owner]);
    }
}
