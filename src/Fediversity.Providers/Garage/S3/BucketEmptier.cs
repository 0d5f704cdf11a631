using Amazon.S3.Model;
using Fediversity.Resources;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Garage.S3;

/// <summary>
/// Deletes every object of a bucket through the S3 API, a page of up to 1,000 keys at a time, because
/// Garage refuses to delete a bucket that still holds objects. Known limit: unfinished multipart
/// uploads are not aborted; if Garage counts them against an empty bucket, the delete fails with
/// Garage's 400 and says so, and they must be cleaned up by hand.
/// </summary>
internal sealed class BucketEmptier(S3ClientFactory clients, string endpoint)
{
    /// <summary>Empties the bucket <paramref name="bucket"/>; returns how many objects were deleted.</summary>
    public async Task<long> EmptyAsync(string bucket, string accessKeyId, Secret secretAccessKey,
        IStepReporter reporter, CancellationToken cancellationToken)
    {
        using var client = clients.Create(accessKeyId, secretAccessKey);
        long deleted = 0;
        string? continuation = null;
        do
        {
            ListObjectsV2Response page;
            try
            {
                page = await client.ListObjectsV2Async(
                    new ListObjectsV2Request { BucketName = bucket, ContinuationToken = continuation, MaxKeys = 1000 },
                    cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw S3Failure.From(e, "listing its objects", bucket, accessKeyId, endpoint);
            }

            var keys = page.S3Objects ?? [];
            if (keys.Count > 0)
            {
                await DeletePageAsync(client, bucket, keys, accessKeyId, cancellationToken);
                deleted += keys.Count;
                reporter.Report($"deleted {deleted} objects from bucket {bucket}");
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);

        return deleted;
    }

    private async Task DeletePageAsync(Amazon.S3.AmazonS3Client client, string bucket, List<S3Object> objects,
        string accessKeyId, CancellationToken cancellationToken)
    {
        DeleteObjectsResponse response;
        try
        {
            response = await client.DeleteObjectsAsync(
                new DeleteObjectsRequest
                {
                    BucketName = bucket,
                    Quiet = true,
                    Objects = [.. objects.Select(o => new KeyVersion { Key = o.Key })],
                },
                cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw S3Failure.From(e, "deleting its objects", bucket, accessKeyId, endpoint);
        }

        if (response.DeleteErrors is { Count: > 0 } errors)
        {
            var first = errors[0];
            throw new ProviderException(
                $"{errors.Count} objects of the bucket '{bucket}' could not be deleted, for example " +
                $"'{first.Key}': {first.Code} {first.Message}");
        }
    }
}
