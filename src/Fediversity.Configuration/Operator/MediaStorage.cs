using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Operator;

/// <summary>Where an application keeps its media.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ManagedMedia), "managed")]
[JsonDerivedType(typeof(ExistingBucketMedia), "existing")]
public abstract record MediaStorage;

/// <summary>A bucket Fediversity creates, with its own key, and removes when asked to.</summary>
[Description("A bucket Fediversity creates for the application, with its own access key.")]
public sealed record ManagedMedia : MediaStorage;

/// <summary>A bucket the hosting provider made and handed over; nothing is created or deleted.</summary>
[Description("A bucket the hosting provider made and handed over, with its credentials; Fediversity creates and deletes nothing.")]
public sealed record ExistingBucketMedia : MediaStorage
{
    [Description("The bucket's name (its global alias).")]
    public required string Bucket { get; init; }

    [Description("The access key id the hosting provider gave for the bucket.")]
    public required string AccessKeyId { get; init; }

    [Description("The secret key that goes with the access key id. It is stored encrypted and never shown.")]
    public required string SecretAccessKey { get; init; }
}
