using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Providers;
using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Sandbox.Providers;

public sealed class SandboxBucketProviderTests : IDisposable
{
    private readonly TestSandbox sandbox = new();
    private readonly SandboxBucketProvider provider;

    public SandboxBucketProviderTests() => provider = new SandboxBucketProvider(sandbox.World.ObjectStore);

    private SandboxObjectStore Store => sandbox.World.ObjectStore;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => sandbox.Dispose();

    private static Fediversity.Resources.Providers.ResourceRequest BucketRequest() =>
        Request("acme/bucket", ValueMaps.Of((BucketKind.Alias, ResourceValue.Of("acme-media"))));

    [Fact]
    public async Task CreateAsync_BucketLeftByAnInterruptedRun_TakesItOver()
    {
        var left = await Store.CreateBucketAsync("acme-media", Token);

        var outputs = await provider.CreateAsync(BucketRequest(), Token);

        Assert.Equal(ResourceValue.Of(left.Id), outputs[BucketKind.BucketId]);
        Assert.Single(Store.Buckets());
    }

    [Fact]
    public async Task DeleteAsync_BucketWithObjects_EmptiesItThenDeletesIt()
    {
        var request = BucketRequest();
        var outputs = await provider.CreateAsync(request, Token);
        var id = ((TextValue)outputs[BucketKind.BucketId]).Text;
        Store.PutObject(id, "media/1.jpg", [1]);
        Store.PutObject(id, "media/2.jpg", [2]);
        await Assert.ThrowsAsync<SandboxException>(() => Store.DeleteBucketAsync(id, Token));

        await provider.DeleteAsync(RecordOf(request, BucketKind.Kind, outputs), new RecordingReporter(), Token);

        Assert.Null(Store.GetBucket(id));
        Assert.Empty(Store.Buckets());
    }

    [Fact]
    public async Task DeleteAsync_BucketAlreadyGone_Succeeds()
    {
        var request = BucketRequest();
        var outputs = await provider.CreateAsync(request, Token);
        await Store.DeleteBucketAsync(((TextValue)outputs[BucketKind.BucketId]).Text, Token);
        var reporter = new RecordingReporter();

        await provider.DeleteAsync(RecordOf(request, BucketKind.Kind, outputs), reporter, Token);

        Assert.Contains(reporter.Lines, l => l.Contains("already gone", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_DestroyingABucket_LosesData()
    {
        Assert.True(provider.Schema.DestroyLosesData);
        Assert.Contains(BucketKind.Alias, provider.Schema.ReplaceOn);
    }
}
