using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>A Garage cluster driven through its admin API.</summary>
[Description("A Garage cluster, driven through its admin API v2.")]
public sealed record GarageStorage : ObjectStorage
{
    [Description("The admin API address, for example http://garage.internal:3903.")]
    public required Uri AdminEndpoint { get; init; }

    [Description("A file that holds the admin API token.")]
    [MinLength(1)]
    public required string AdminTokenFile { get; init; }

    [Description("The S3 API address the applications use, for example https://s3.example.net.")]
    public required Uri S3Endpoint { get; init; }

    [Description("The S3 region name Garage is configured with.")]
    [MinLength(1)]
    public string Region { get; init; } = "garage";
}
