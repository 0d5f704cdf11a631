using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Environment;

/// <summary>The S3 store.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SandboxStorage), "sandbox")]
[JsonDerivedType(typeof(GarageStorage), "garage")]
public abstract record ObjectStorage;

/// <summary>An in-process stand-in S3 store whose buckets are folders.</summary>
[Description("A stand-in S3 store inside Fediversity; each bucket is a folder.")]
public sealed record SandboxStorage : ObjectStorage
{
    [Description("How long each stand-in storage call takes, in milliseconds.")]
    public int OperationMs { get; init; } = 200;
}

/// <summary>A Garage cluster driven through its admin API.</summary>
[Description("A Garage cluster, driven through its admin API v2.")]
public sealed record GarageStorage : ObjectStorage
{
    [Description("The admin API address, for example http://garage.internal:3903.")]
    public required Uri AdminEndpoint { get; init; }

    [Description("A file that holds the admin API token.")]
    public required string AdminTokenFile { get; init; }

    [Description("The S3 API address the applications use, for example https://s3.example.net.")]
    public required Uri S3Endpoint { get; init; }

    [Description("The S3 region name Garage is configured with.")]
    public string Region { get; init; } = "garage";
}
