namespace Fediversity.Resources.Kinds;

/// <summary>The permissions of one access key on one bucket.</summary>
public static class BucketGrantKind
{
    public const string Kind = "s3-grant";

    // Inputs.
    public const string BucketId = "bucketId";
    public const string AccessKeyId = "accessKeyId";
    public const string Read = "read";
    public const string Write = "write";
    public const string Owner = "owner";
}
