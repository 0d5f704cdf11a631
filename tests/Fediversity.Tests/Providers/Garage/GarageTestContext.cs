using System.Collections.Immutable;
using Fediversity.Providers.Garage;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.Emulators.Garage;

namespace Fediversity.Tests.Providers.Garage;

/// <summary>A running Garage emulator and the Garage providers pointed at it.</summary>
internal sealed class GarageTestContext : IAsyncDisposable
{
    public const string Token = "admin-token-for-tests-0123456789";

    public const string Region = "garage";

    private readonly HttpClient http = new();

    private GarageTestContext(GarageEmulator emulator, GarageOptions options)
    {
        Emulator = emulator;
        Options = options;
        var providers = GarageProviders.For(options, http, TimeProvider.System);
        Providers = new ProviderRegistry(providers);
    }

    public GarageEmulator Emulator { get; }

    public GarageOptions Options { get; }

    public ProviderRegistry Providers { get; }

    public ResourceProvider Buckets => Providers.For(BucketKind.Kind);

    public ResourceProvider Keys => Providers.For(AccessKeyKind.Kind);

    public ResourceProvider Grants => Providers.For(BucketGrantKind.Kind);

    public ResourceProvider ExistingBuckets => Providers.For(ExistingBucketKind.Kind);

    public RecordingReporter Reporter { get; } = new();

    public static async Task<GarageTestContext> StartAsync()
    {
        var emulator = await GarageEmulator.StartAsync(Token, Region, TimeProvider.System,
            TestContext.Current.CancellationToken);
        return new GarageTestContext(emulator, new GarageOptions(
            emulator.AdminEndpoint, new Secret(Token), emulator.S3Endpoint, Region));
    }

    /// <summary>The same providers, with another admin token.</summary>
    public ProviderRegistry WithToken(string token) =>
        new(GarageProviders.For(Options with { AdminToken = new Secret(token) }, http, TimeProvider.System));

    public ResourceRequest Request(string address, params (string Name, ResourceValue Value)[] inputs) =>
        new(new ResourceAddress(address), Values(inputs), Values([]), Reporter);

    public static ResourceRecord Record(string kind, ResourceRequest request,
        ImmutableSortedDictionary<string, ResourceValue> outputs) =>
        new(request.Address, kind, request.Inputs, outputs, []);

    public async Task<(ResourceRecord Bucket, ResourceRecord Key)> BucketAndKeyAsync(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = Request($"t/{name}/bucket", (BucketKind.Alias, ResourceValue.Of(name)));
        var key = Request($"t/{name}/key", (AccessKeyKind.Name, ResourceValue.Of(name)));
        return (Record(BucketKind.Kind, bucket, await Buckets.CreateAsync(bucket, ct)),
            Record(AccessKeyKind.Kind, key, await Keys.CreateAsync(key, ct)));
    }

    public ResourceRequest GrantRequest(
        ResourceRecord bucket, ResourceRecord key, bool read, bool write, bool owner) =>
        Request("t/grant",
            (BucketGrantKind.BucketId, ResourceValue.Of(bucket.Output(BucketKind.BucketId)!)),
            (BucketGrantKind.AccessKeyId, ResourceValue.Of(key.Output(AccessKeyKind.AccessKeyId)!)),
            (BucketGrantKind.Read, ResourceValue.Of(read)),
            (BucketGrantKind.Write, ResourceValue.Of(write)),
            (BucketGrantKind.Owner, ResourceValue.Of(owner)));

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Emulator.DisposeAsync();
    }

    private static ImmutableSortedDictionary<string, ResourceValue> Values(
        (string Name, ResourceValue Value)[] items) =>
        items.ToImmutableSortedDictionary(i => i.Name, i => i.Value, StringComparer.Ordinal);
}
