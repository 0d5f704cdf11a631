using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Providers.Garage;

public sealed class GarageBucketProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_NewAlias_MakesOneBucketWithItsOutputs()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var request = garage.Request("t/bucket", (BucketKind.Alias, ResourceValue.Of("acme-media")));

        var outputs = await garage.Buckets.CreateAsync(request, Ct);

        var bucket = garage.Emulator.State.FindByAlias("acme-media")!;
        Assert.Equal(ResourceValue.Of(bucket.Id), outputs[BucketKind.BucketId]);
        Assert.Equal(ResourceValue.Of(garage.Options.S3EndpointText), outputs[BucketKind.Endpoint]);
        Assert.Equal(ResourceValue.Of(GarageTestContext.Region), outputs[BucketKind.Region]);
        Assert.True(garage.Buckets.Schema.DestroyLosesData);
    }

    [Fact]
    public async Task Create_Again_TakesOverTheBucketFromTheEarlierRun()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var request = garage.Request("t/bucket", (BucketKind.Alias, ResourceValue.Of("acme-media")));

        var first = await garage.Buckets.CreateAsync(request, Ct);
        var second = await garage.Buckets.CreateAsync(request, Ct);

        Assert.Equal(first, second);
        Assert.Single(garage.Emulator.State.Buckets);
        Assert.Contains(garage.Reporter.Lines, l => l.Contains("earlier run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_BucketWithObjects_EmptiesItThenDeletesIt()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, _) = await garage.BucketAndKeyAsync("acme-media");
        var id = bucket.Output(BucketKind.BucketId)!;
        for (var i = 0; i < 1500; i++)
        {
            garage.Emulator.State.PutObject(id, $"media/{i:D4}.png", [1, 2, 3]);
        }

        await garage.Buckets.DeleteAsync(bucket, garage.Reporter, Ct);

        Assert.False(garage.Emulator.State.Buckets.ContainsKey(id));
        Assert.Contains(garage.Reporter.Lines, l => l.Contains("deleted 1500 objects", StringComparison.Ordinal));
        Assert.DoesNotContain(garage.Emulator.State.Keys.Values, k => k.Name.StartsWith("fediversity-empty-",
            StringComparison.Ordinal));
        Assert.Null(await garage.Buckets.ReadAsync(bucket, Ct));
    }

    [Fact]
    public async Task Delete_BucketAlreadyGone_Succeeds()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, _) = await garage.BucketAndKeyAsync("acme-media");

        await garage.Buckets.DeleteAsync(bucket, garage.Reporter, Ct);
        await garage.Buckets.DeleteAsync(bucket, garage.Reporter, Ct);

        Assert.Contains("the bucket was already gone", garage.Reporter.Lines);
    }

    [Fact]
    public async Task Create_WithWrongAdminToken_FailsSayingSoWithoutTheToken()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var wrong = garage.WithToken("not-the-token-but-a-secret-all-the-same");
        var request = garage.Request("t/bucket", (BucketKind.Alias, ResourceValue.Of("acme-media")));

        var error = await Assert.ThrowsAnyAsync<ProviderException>(
            () => wrong.For(BucketKind.Kind).CreateAsync(request, Ct));

        Assert.Contains("refused the admin token", error.Message, StringComparison.Ordinal);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GarageTestContext.Token, error.Message, StringComparison.Ordinal);
        Assert.Empty(garage.Emulator.State.Buckets);
    }
}
