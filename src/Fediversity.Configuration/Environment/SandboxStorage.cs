using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>An in-process stand-in S3 store whose buckets are folders.</summary>
[Description("A stand-in S3 store inside Fediversity; each bucket is a folder.")]
public sealed record SandboxStorage : ObjectStorage
{
    [Description("How long each stand-in storage call takes, in milliseconds.")]
    [Range(0, int.MaxValue)]
    public int OperationMs { get; init; } = 200;
}
