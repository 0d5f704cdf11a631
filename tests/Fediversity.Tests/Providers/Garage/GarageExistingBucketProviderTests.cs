using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.Emulators.Garage;

namespace Fediversity.Tests.Providers.Garage;

public sealed class GarageExistingBucketProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_WithTheHandedOverCredentials_PassesAndLeavesTheBucketAsItWas()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, key) = await HandedOverAsync(garage, new EmulatedPermissions(true, true, false));

        var outputs = await garage.ExistingBuckets.CreateAsync(Request(garage, "handed-over", key.Id, key.Secret), Ct);

        Assert.Equal(ResourceValue.Of(garage.Options.S3EndpointText), outputs[ExistingBucketKind.Endpoint]);
        Assert.Equal(["kept.txt"], garage.Emulator.State.Buckets[bucket.Id].Objects.Keys);
    }

    [Fact]
    public async Task Create_WithAWrongSecret_FailsNamingTheKeyButNotTheSecret()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (_, key) = await HandedOverAsync(garage, new EmulatedPermissions(true, true, false));
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => garage.ExistingBuckets.CreateAsync(Request(garage, "handed-over", key.Id, wrong), Ct));

        Assert.Contains(
            $"refused access key {key.Id} on the bucket 'handed-over'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(403", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ForAnUnknownBucket_SaysTheBucketDoesNotExist()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (_, key) = await HandedOverAsync(garage, new EmulatedPermissions(true, true, false));

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => garage.ExistingBuckets.CreateAsync(Request(garage, "no-such-bucket", key.Id, key.Secret), Ct));

        Assert.Contains("the bucket 'no-such-bucket' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAReadOnlyKey_FailsAtWriting()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (_, key) = await HandedOverAsync(garage, new EmulatedPermissions(true, false, false));

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => garage.ExistingBuckets.CreateAsync(Request(garage, "handed-over", key.Id, key.Secret), Ct));

        Assert.Contains("writing a test object", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_KeepsTheBucket()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, key) = await HandedOverAsync(garage, new EmulatedPermissions(true, true, false));
        var request = Request(garage, "handed-over", key.Id, key.Secret);

        await garage.ExistingBuckets.DeleteAsync(
            GarageTestContext.Record(ExistingBucketKind.Kind, request, request.PriorOutputs), garage.Reporter, Ct);

        Assert.Single(garage.Emulator.State.Buckets[bucket.Id].Objects);
    }

    private static Task<(EmulatedBucket Bucket, EmulatedKey Key)> HandedOverAsync(
        GarageTestContext garage, EmulatedPermissions permissions)
    {
        var state = garage.Emulator.State;
        var bucket = state.AddBucket("handed-over");
        var key = state.AddKey("hosting-provider-key");
        state.SetGrant(bucket.Id, key.Id, permissions);
        state.PutObject(bucket.Id, "kept.txt", "hello"u8.ToArray());
        return Task.FromResult((bucket, key));
    }

    private static ResourceRequest Request(GarageTestContext garage, string bucket, string keyId, string secret) =>
        garage.Request("t/existing",
            (ExistingBucketKind.Bucket, ResourceValue.Of(bucket)),
            (ExistingBucketKind.AccessKeyId, ResourceValue.Of(keyId)),
            (ExistingBucketKind.SecretAccessKey, ResourceValue.Of(new Secret(secret))));
}
