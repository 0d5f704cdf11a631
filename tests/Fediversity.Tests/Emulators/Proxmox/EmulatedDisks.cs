using System.Globalization;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>Reads and writes the <c>size=</c> part of a disk's configuration value.</summary>
internal static class EmulatedDisks
{
    public static long SizeGiB(string disk)
    {
        var size = disk.Split(',').FirstOrDefault(p => p.StartsWith("size=", StringComparison.Ordinal))?[5..];
        return size is null ? 0 : long.Parse(size.TrimEnd('G'), CultureInfo.InvariantCulture);
    }

    public static string WithSize(string disk, long gib) => string.Join(',',
        disk.Split(',').Select(p => p.StartsWith("size=", StringComparison.Ordinal)
            ? $"size={gib.ToString(CultureInfo.InvariantCulture)}G"
            : p));
}
