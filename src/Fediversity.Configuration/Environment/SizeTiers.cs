using System.ComponentModel;
using Fediversity.Configuration.Operator;

namespace Fediversity.Configuration.Environment;

/// <summary>What each size tier means in machine resources.</summary>
public sealed record SizeTiers
{
    [Description("The small machine.")]
    public TierResources Small { get; init; } = new() { Cores = 2, MemoryMiB = 4096, DiskGiB = 40 };

    [Description("The medium machine.")]
    public TierResources Medium { get; init; } = new() { Cores = 4, MemoryMiB = 8192, DiskGiB = 100 };

    [Description("The large machine.")]
    public TierResources Large { get; init; } = new() { Cores = 8, MemoryMiB = 16384, DiskGiB = 250 };

    public TierResources For(SizeTier tier) => tier switch
    {
        SizeTier.Small => Small,
        SizeTier.Medium => Medium,
        SizeTier.Large => Large,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };
}
