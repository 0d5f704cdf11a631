using Fediversity.Resources;

namespace Fediversity.Providers.Garage;

/// <summary>Where a Garage cluster is and how to reach it.</summary>
/// <param name="AdminEndpoint">The admin API address, for example <c>http://garage.internal:3903</c>.</param>
/// <param name="AdminToken">The admin API bearer token.</param>
/// <param name="S3Endpoint">The S3 API address, handed to the applications and used to empty buckets.</param>
/// <param name="Region">The S3 region name Garage is configured with, for example <c>garage</c>.</param>
public sealed record GarageOptions(Uri AdminEndpoint, Secret AdminToken, Uri S3Endpoint, string Region)
{
    /// <summary>The S3 endpoint as the applications are given it, without a trailing slash.</summary>
    public string S3EndpointText => S3Endpoint.AbsoluteUri.TrimEnd('/');
}
