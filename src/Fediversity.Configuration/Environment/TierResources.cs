using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>The resources of one machine.</summary>
public sealed record TierResources
{
    [Description("Virtual CPU cores.")]
    [Range(1, int.MaxValue)]
    public required int Cores { get; init; }

    [Description("Memory in MiB.")]
    [Range(1, int.MaxValue)]
    public required int MemoryMiB { get; init; }

    [Description("Disk size in GiB.")]
    [Range(1, int.MaxValue)]
    public required int DiskGiB { get; init; }
}
