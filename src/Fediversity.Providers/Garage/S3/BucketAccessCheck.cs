using Amazon.S3.Model;
using Fediversity.Resources;

namespace Fediversity.Providers.Garage.S3;

/// <summary>
/// Proves that a bucket can be used with given credentials: it exists, its objects can be listed, and
/// an object can be written and deleted again. Nothing else in the bucket is touched.
/// </summary>
internal sealed class BucketAccessCheck(S3ClientFactory clients, string endpoint)
{
    /// <summary>The key of the small object written and deleted again to prove write access.</summary>
    public const string ProbeKey = ".fediversity-access-check";

    public async Task CheckAsync(string bucket, string accessKeyId, Secret secretAccessKey,
        CancellationToken cancellationToken)
    {
        using var client = clients.Create(accessKeyId, secretAccessKey);
        var step = "looking the bucket up";
        try
        {
            await client.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, cancellationToken);

            step = "listing its objects";
            await client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, cancellationToken);

            step = "writing a test object";
            await client.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = ProbeKey,
                    ContentBody = "written by Fediversity to check access; safe to delete",
                    UseChunkEncoding = false,
                },
                cancellationToken);

            step = "deleting the test object";
            await client.DeleteObjectAsync(
                new DeleteObjectRequest { BucketName = bucket, Key = ProbeKey }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw S3Failure.From(e, step, bucket, accessKeyId, endpoint);
        }
    }
}
