using Fediversity.Providers.Garage.Admin;
using Fediversity.Providers.Garage.S3;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Garage;

/// <summary>The providers of a Garage cluster: buckets, access keys, grants and handed-over buckets.</summary>
public static class GarageProviders
{
    /// <summary>
    /// The providers for the cluster described by <paramref name="options"/>. The admin API is called
    /// through <paramref name="http"/> when given (its base address and headers are left alone), else
    /// through a client of its own that lives as long as the process.
    /// </summary>
    public static IReadOnlyList<ResourceProvider> For(GarageOptions options, HttpClient? http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        var admin = new GarageAdminClient(options, http ?? new HttpClient(), time);
        var clients = new S3ClientFactory(options);
        var cleaner = new BucketCleaner(admin, new BucketEmptier(clients, options.S3EndpointText));
        return
        [
            new GarageBucketProvider(admin, cleaner, options),
            new GarageAccessKeyProvider(admin),
            new GarageGrantProvider(admin),
            new GarageExistingBucketProvider(new BucketAccessCheck(clients, options.S3EndpointText), options),
        ];
    }
}
