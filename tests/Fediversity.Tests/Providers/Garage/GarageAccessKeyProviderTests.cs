using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Providers.Garage;

public sealed class GarageAccessKeyProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_Twice_GivesOneKeyWithItsSecretBothTimes()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var request = garage.Request("t/key", (AccessKeyKind.Name, ResourceValue.Of("acme-mastodon")));

        var first = await garage.Keys.CreateAsync(request, Ct);
        var second = await garage.Keys.CreateAsync(request, Ct);

        var key = Assert.Single(garage.Emulator.State.Keys.Values);
        Assert.Equal(ResourceValue.Of(key.Id), first[AccessKeyKind.AccessKeyId]);
        var secret = Assert.IsType<SecretValue>(first[AccessKeyKind.SecretAccessKey]);
        Assert.Equal(key.Secret, secret.Secret.Reveal());
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Delete_KeyAlreadyGone_Succeeds()
    {
        await using var garage = await GarageTestContext.StartAsync();
        var (_, key) = await garage.BucketAndKeyAsync("acme-media");

        await garage.Keys.DeleteAsync(key, garage.Reporter, Ct);
        Assert.Null(await garage.Keys.ReadAsync(key, Ct));
        await garage.Keys.DeleteAsync(key, garage.Reporter, Ct);

        Assert.Empty(garage.Emulator.State.Keys);
        Assert.Contains("the key was already gone", garage.Reporter.Lines);
    }
}
