using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Sandbox.Services;

public sealed class SandboxObjectStoreTests : IDisposable
{
    private readonly TestSandbox sandbox = new();

    private SandboxObjectStore Store => sandbox.World.ObjectStore;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task DeleteBucketAsync_BucketHoldsObjects_IsRefused()
    {
        var bucket = await Store.CreateBucketAsync("acme-media", Token);
        Store.PutObject(bucket.Id, "avatars/1.png", [1, 2, 3]);

        var error = await Assert.ThrowsAsync<SandboxException>(() => Store.DeleteBucketAsync(bucket.Id, Token));

        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.NotNull(Store.GetBucket(bucket.Id));
        Assert.Equal(["avatars/1.png"], Store.ListObjects(bucket.Id));
    }

    [Fact]
    public async Task DeleteBucketAsync_Gone_ReturnsFalse()
    {
        var bucket = await Store.CreateBucketAsync("acme-media", Token);

        Assert.True(await Store.DeleteBucketAsync(bucket.Id, Token));
        Assert.False(await Store.DeleteBucketAsync(bucket.Id, Token));
    }

    [Fact]
    public async Task CreateBucketAsync_AliasTaken_IsRefused()
    {
        await Store.CreateBucketAsync("acme-media", Token);

        await Assert.ThrowsAsync<SandboxException>(() => Store.CreateBucketAsync("acme-media", Token));
        Assert.Single(Store.Buckets());
    }

    [Fact]
    public async Task SetPermissionsAsync_NarrowerThanBefore_LeavesExactlyTheNewFlags()
    {
        var bucket = await Store.CreateBucketAsync("acme-media", Token);
        var key = await Store.CreateKeyAsync("acme-key", Token);
        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(true, true, true), Token);

        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(true, false, false), Token);

        Assert.Equal(new SandboxPermissions(true, false, false), Store.GetBucket(bucket.Id)!.Keys[key.Id]);
    }

    [Fact]
    public async Task SetPermissionsAsync_NoFlags_RemovesTheGrant()
    {
        var bucket = await Store.CreateBucketAsync("acme-media", Token);
        var key = await Store.CreateKeyAsync("acme-key", Token);
        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(true, true, false), Token);

        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(false, false, false), Token);

        Assert.Empty(Store.GetBucket(bucket.Id)!.Keys);
    }

    [Fact]
    public async Task SetPermissionsAsync_UnknownKey_IsRefused()
    {
        var bucket = await Store.CreateBucketAsync("acme-media", Token);

        await Assert.ThrowsAsync<SandboxException>(() =>
            Store.SetPermissionsAsync(bucket.Id, "GKnone", new SandboxPermissions(true, false, false), Token));
    }

    [Fact]
    public async Task CanUse_NeedsTheRightSecretAndReadWrite()
    {
        var bucket = await Store.CreateBucketAsync("acme-media", Token);
        var key = await Store.CreateKeyAsync("acme-key", Token);
        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(true, false, false), Token);
        Assert.False(Store.CanUse("acme-media", key.Id, key.Secret));

        await Store.SetPermissionsAsync(bucket.Id, key.Id, new SandboxPermissions(true, true, false), Token);

        Assert.True(Store.CanUse("acme-media", key.Id, key.Secret));
        Assert.False(Store.CanUse("acme-media", key.Id, key.Secret + "x"));
    }

    [Fact]
    public async Task PutObject_NameLeavingTheBucket_IsRefused()
    {
        var bucket = await Store.CreateBucketAsync("acme-media", Token);

        Assert.Throws<SandboxException>(() => Store.PutObject(bucket.Id, "../escape", [1]));
    }
}
