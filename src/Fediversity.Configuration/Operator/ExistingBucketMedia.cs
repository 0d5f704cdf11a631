using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Operator;

/// <summary>A bucket the hosting provider made and handed over; nothing is created or deleted.</summary>
[Description("A bucket the hosting provider made and handed over, with its credentials; "
    + "Fediversity creates and deletes nothing.")]
public sealed record ExistingBucketMedia : MediaStorage
{
    [Description("The bucket's name (its global alias).")]
    [RegularExpression(ConfigurationPatterns.BucketName)]
    public required string Bucket { get; init; }

    [Description("The access key id the hosting provider gave for the bucket.")]
    [MinLength(1)]
    public required string AccessKeyId { get; init; }

    [Description("The secret key that goes with the access key id. It is stored encrypted and never shown.")]
    [MinLength(1)]
    public required string SecretAccessKey { get; init; }
}
