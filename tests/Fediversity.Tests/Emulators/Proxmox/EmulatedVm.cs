using System.Globalization;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>One machine (or template) of the emulated node. Changed only under the state's lock.</summary>
public sealed class EmulatedVm
{
    public required int VmId { get; init; }

    public required string Name { get; set; }

    public bool IsTemplate { get; init; }

    /// <summary>Whether the machine runs: <c>running</c> or <c>stopped</c>.</summary>
    public string Status { get; set; } = "stopped";

    /// <summary>The lock a task holds on the machine (<c>clone</c>), or <c>null</c>.</summary>
    public string? Lock { get; set; }

    /// <summary>Its configuration as Proxmox keeps it: every value a string.</summary>
    public SortedDictionary<string, string> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>The SSH host key its OpenSSH made on first boot.</summary>
    public required string HostKey { get; init; }

    /// <summary>When its guest agent starts answering, after a start.</summary>
    public DateTimeOffset AgentFrom { get; set; } = DateTimeOffset.MaxValue;

    /// <summary>Whether the guest ignores an ACPI shutdown request, so that only a stop ends it.</summary>
    public bool IgnoresShutdown { get; set; }

    /// <summary>The address DHCP gave it, when it asked.</summary>
    public string? DhcpAddress { get; set; }

    public int Cores => int.Parse(Config.GetValueOrDefault("cores", "1"), CultureInfo.InvariantCulture);

    public int MemoryMiB => int.Parse(Config.GetValueOrDefault("memory", "512"), CultureInfo.InvariantCulture);

    /// <summary>The boot disk's size in GiB.</summary>
    public long DiskGiB => EmulatedDisks.SizeGiB(Config.GetValueOrDefault("scsi0", ""));

    /// <summary>The storage pool of the boot disk.</summary>
    public string DiskStorage => Config.GetValueOrDefault("scsi0", "").Split(':')[0];

    /// <summary>The SSH keys cloud-init puts in, decoded.</summary>
    public IReadOnlyList<string> SshKeys => Config.TryGetValue("sshkeys", out var keys)
        ? Uri.UnescapeDataString(keys).Split('\n', StringSplitOptions.RemoveEmptyEntries)
        : [];
}
