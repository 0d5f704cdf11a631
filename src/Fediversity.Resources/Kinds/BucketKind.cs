namespace Fediversity.Resources.Kinds;

/// <summary>An S3 bucket made and owned by Fediversity.</summary>
public static class BucketKind
{
    public const string Kind = "s3-bucket";

    // Inputs.
    public const string Alias = "alias";

    // Outputs.
    public const string BucketId = "bucketId";
    public const string Endpoint = "endpoint";
    public const string Region = "region";

    /// <summary>How many objects the bucket held when it was last read back.</summary>
    public const string Objects = "objects";

    /// <summary>How many bytes the bucket held when it was last read back.</summary>
    public const string Bytes = "bytes";
}
