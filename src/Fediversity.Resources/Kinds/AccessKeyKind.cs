namespace Fediversity.Resources.Kinds;

/// <summary>An S3 access key.</summary>
public static class AccessKeyKind
{
    public const string Kind = "s3-key";

    // Inputs.
    public const string Name = "name";

    // Outputs.
    public const string AccessKeyId = "accessKeyId";
    public const string SecretAccessKey = "secretAccessKey";
}
