namespace Fediversity.Resources.Kinds;

/// <summary>
/// An S3 bucket the hosting provider made and handed over, with its credentials. Fediversity
/// checks that it is reachable and never creates or deletes it.
/// </summary>
public static class ExistingBucketKind
{
    public const string Kind = "s3-existing-bucket";

    // Inputs.
    public const string Bucket = "bucket";
    public const string AccessKeyId = "accessKeyId";
    public const string SecretAccessKey = "secretAccessKey";

    // Outputs.
    public const string Endpoint = "endpoint";
    public const string Region = "region";
}
