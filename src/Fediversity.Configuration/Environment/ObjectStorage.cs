using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Environment;

/// <summary>The S3 store.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SandboxStorage), "sandbox")]
[JsonDerivedType(typeof(GarageStorage), "garage")]
public abstract record ObjectStorage;
