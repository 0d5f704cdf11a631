using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Garage.S3;

/// <summary>Turns what the AWS SDK throws into a provider error an operator can act on.</summary>
internal static class S3Failure
{
    /// <summary>
    /// The error for <paramref name="error"/>, raised while doing <paramref name="what"/> on the bucket
    /// <paramref name="bucket"/> with the key <paramref name="accessKeyId"/>. Never includes a secret key.
    /// </summary>
    public static ProviderException From(Exception error, string what, string bucket, string accessKeyId,
        string endpoint) => error switch
    {
        AmazonS3Exception { StatusCode: HttpStatusCode.NotFound } =>
            new ProviderException(
                $"the bucket '{bucket}' does not exist at {endpoint} ({what}): check the bucket's name", error),
        AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized } e =>
            new ProviderException(
                $"{endpoint} refused access key {accessKeyId} on the bucket '{bucket}' while {what} " +
                $"({(int)e.StatusCode} {e.ErrorCode}): check the access key id, its secret key and the key's " +
                "permissions on the bucket", error),
        AmazonS3Exception e =>
            new ProviderException(
                $"{endpoint} answered {(int)e.StatusCode} {e.ErrorCode} while {what} on the bucket '{bucket}'",
                error) { IsTransient = (int)e.StatusCode >= 500 },
        AmazonServiceException or HttpRequestException or TaskCanceledException =>
            new ProviderException(
                $"cannot reach the S3 API at {endpoint} while {what} on the bucket '{bucket}': {error.Message}",
                error) { IsTransient = true },
        _ => new ProviderException($"{what} on the bucket '{bucket}' failed: {error.Message}", error),
    };
}
