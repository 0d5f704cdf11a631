using Amazon.Runtime;
using Amazon.S3;
using Fediversity.Resources;

namespace Fediversity.Providers.Garage.S3;

/// <summary>
/// Makes AWS SDK clients for Garage's S3 API: path-style addressing (Garage serves buckets under the
/// endpoint's path), the configured region for signing, and checksums only where S3 requires them.
/// The credentials and region are always given, so the SDK never looks for them elsewhere.
/// </summary>
internal sealed class S3ClientFactory(GarageOptions options)
{
    public AmazonS3Client Create(string accessKeyId, Secret secretAccessKey)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = options.S3EndpointText,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(60),
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKeyId, secretAccessKey.Reveal()), config);
    }
}
