using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Operator;

/// <summary>Where an application keeps its media.</summary>
[JsonPolymorphic(
    TypeDiscriminatorPropertyName = "type",
    UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ManagedMedia), "managed")]
[JsonDerivedType(typeof(ExistingBucketMedia), "existing")]
public abstract record MediaStorage;
