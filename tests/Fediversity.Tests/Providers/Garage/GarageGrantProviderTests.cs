using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;
using Fediversity.Tests.Emulators.Garage;

namespace Fediversity.Tests.Providers.Garage;

public sealed class GarageGrantProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_SetsExactlyTheAskedFlags()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, key) = await garage.BucketAndKeyAsync("acme-media");

        await garage.Grants.CreateAsync(garage.GrantRequest(bucket, key, read: true, write: true, owner: false), Ct);

        Assert.Equal(new EmulatedPermissions(true, true, false), Grant(garage, bucket, key));
    }

    [Fact]
    public async Task Update_ToFewerFlags_RevokesTheDroppedOnes()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, key) = await garage.BucketAndKeyAsync("acme-media");
        await garage.Grants.CreateAsync(garage.GrantRequest(bucket, key, read: true, write: true, owner: true), Ct);

        await garage.Grants.UpdateAsync(garage.GrantRequest(bucket, key, read: true, write: false, owner: false), Ct);

        Assert.Equal(new EmulatedPermissions(true, false, false), Grant(garage, bucket, key));
    }

    [Fact]
    public async Task Read_AfterTheGrantWasChangedInGarage_ShowsTheDrift()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, key) = await garage.BucketAndKeyAsync("acme-media");
        var request = garage.GrantRequest(bucket, key, read: true, write: true, owner: false);
        var outputs = await garage.Grants.CreateAsync(request, Ct);
        var record = GarageTestContext.Record(BucketGrantKind.Kind, request, outputs);

        var before = await garage.Grants.ReadAsync(record, Ct);
        garage.Emulator.State.SetGrant(
            bucket.Output(BucketKind.BucketId)!, key.Output(AccessKeyKind.AccessKeyId)!, EmulatedPermissions.None);
        var after = await garage.Grants.ReadAsync(record, Ct);

        Assert.Equal(record.Inputs, before!.Inputs);
        Assert.Equal(ResourceValue.Of(false), after!.Inputs[BucketGrantKind.Read]);
        Assert.Equal(ResourceValue.Of(false), after.Inputs[BucketGrantKind.Write]);
        Assert.Equal(ResourceValue.Of(false), after.Inputs[BucketGrantKind.Owner]);
    }

    [Fact]
    public async Task Read_AfterTheKeyWasDeleted_IsGoneThoughGarageStillListsTheGrant()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, key) = await garage.BucketAndKeyAsync("acme-media");
        var request = garage.GrantRequest(bucket, key, read: true, write: true, owner: false);
        var outputs = await garage.Grants.CreateAsync(request, Ct);
        var record = GarageTestContext.Record(BucketGrantKind.Kind, request, outputs);

        await garage.Keys.DeleteAsync(key, garage.Reporter, Ct);

        Assert.True(Grant(garage, bucket, key).Read);
        Assert.Null(await garage.Grants.ReadAsync(record, Ct));
        await garage.Grants.DeleteAsync(record, garage.Reporter, Ct);
        Assert.Contains("the bucket or key was already gone", garage.Reporter.Lines);
    }

    [Fact]
    public async Task Delete_RevokesEveryFlag()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (bucket, key) = await garage.BucketAndKeyAsync("acme-media");
        var request = garage.GrantRequest(bucket, key, read: true, write: true, owner: true);
        var outputs = await garage.Grants.CreateAsync(request, Ct);
        var record = GarageTestContext.Record(BucketGrantKind.Kind, request, outputs);

        await garage.Grants.DeleteAsync(record, garage.Reporter, Ct);

        Assert.Equal(EmulatedPermissions.None, Grant(garage, bucket, key));
    }

    private static EmulatedPermissions Grant(
        GarageTestContext garage, Fediversity.Resources.Providers.ResourceRecord bucket,
        Fediversity.Resources.Providers.ResourceRecord key) =>
        garage.Emulator.State.GrantOf(bucket.Output(BucketKind.BucketId)!, key.Output(AccessKeyKind.AccessKeyId)!);
}
