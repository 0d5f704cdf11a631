using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>The most one operator may use, over all their applications.</summary>
public sealed record ResourceLimits
{
    [Description("Machines.")]
    [Range(1, int.MaxValue)]
    public int Vms { get; init; } = 3;

    [Description("Virtual CPU cores, added over all machines.")]
    [Range(1, int.MaxValue)]
    public int Vcpus { get; init; } = 16;

    [Description("Memory in MiB, added over all machines.")]
    [Range(1, int.MaxValue)]
    public int MemoryMiB { get; init; } = 32768;

    [Description("Disk in GiB, added over all machines.")]
    [Range(1, int.MaxValue)]
    public int DiskGiB { get; init; } = 500;
}
