using System.Globalization;
using System.Text.Json;

namespace Fediversity.Providers.Proxmox;

/// <summary>The parts of a machine's configuration the provider reads.</summary>
/// <param name="Name">The machine's name.</param>
/// <param name="Cores">Its virtual CPU cores.</param>
/// <param name="MemoryMiB">Its memory, in MiB.</param>
/// <param name="Disk">The boot disk's key, for example <c>scsi0</c>, when it has one.</param>
/// <param name="DiskGiB">The boot disk's size in GiB.</param>
/// <param name="Lock">The lock a running task holds on it (<c>clone</c>, say), or <c>null</c>.</param>
/// <param name="IpConfig">Its <c>ipconfig0</c>, or <c>null</c>.</param>
internal sealed record ProxmoxVmConfig(
    string? Name, int Cores, int MemoryMiB, string? Disk, long DiskGiB, string? Lock, string? IpConfig)
{
    private static readonly string[] DiskBuses = ["scsi", "virtio", "sata", "ide"];

    /// <summary>The static address in <see cref="IpConfig"/>, without its prefix, or <c>null</c>.</summary>
    public string? StaticAddress => IpConfig?.Split(',')
        .Select(p => p.Split('=', 2))
        .Where(p => p.Length == 2 && p[0] == "ip" && p[1] != "dhcp")
        .Select(p => p[1].Split('/')[0])
        .FirstOrDefault();

    public static ProxmoxVmConfig Parse(JsonElement data)
    {
        var disk = BootDisk(data);
        var size = disk is null ? 0 : SizeGiB(ProxmoxJson.Text(data, disk));
        return new ProxmoxVmConfig(
            ProxmoxJson.Text(data, "name"),
            (int)(ProxmoxJson.Number(data, "cores") ?? 1),
            (int)(ProxmoxJson.Number(data, "memory") ?? 512),
            disk,
            size,
            ProxmoxJson.Text(data, "lock"),
            ProxmoxJson.Text(data, "ipconfig0"));
    }

    // The first disk of the boot order, else the first disk on the usual buses; never the CD or cloud-init drive.
    private static string? BootDisk(JsonElement data)
    {
        var order = ProxmoxJson.Text(data, "boot") is { } boot && boot.StartsWith("order=", StringComparison.Ordinal)
            ? boot["order=".Length..].Split(';')
            : [];
        var candidates = order.Concat(DiskBuses.SelectMany(bus => Enumerable.Range(0, 31).Select(i => bus + i)));
        return candidates.FirstOrDefault(key => ProxmoxJson.Text(data, key) is { } value && IsDisk(value));
    }

    private static bool IsDisk(string value) =>
        !value.Contains("media=cdrom", StringComparison.Ordinal) &&
        !value.Contains("cloudinit", StringComparison.Ordinal) &&
        value.Contains("size=", StringComparison.Ordinal);

    private static long SizeGiB(string? value)
    {
        var size = value?.Split(',').FirstOrDefault(p => p.StartsWith("size=", StringComparison.Ordinal))?[5..];
        if (string.IsNullOrEmpty(size))
        {
            return 0;
        }

        var unit = char.ToUpperInvariant(size[^1]);
        var digits = char.IsDigit(unit) ? size : size[..^1];
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return 0;
        }

        var bytes = unit switch
        {
            'T' => number * 1024d * 1024 * 1024 * 1024,
            'G' => number * 1024d * 1024 * 1024,
            'M' => number * 1024d * 1024,
            'K' => number * 1024d,
            _ => number,
        };
        return (long)Math.Floor(bytes / (1024d * 1024 * 1024));
    }
}
