namespace Fediversity.Sandbox.Services;

/// <summary>A stand-in virtual machine as the stand-in hypervisor records it.</summary>
public sealed record SandboxVm
{
    public required int VmId { get; init; }

    public required string Name { get; init; }

    public required int Cores { get; init; }

    public required int MemoryMiB { get; init; }

    public required int DiskGiB { get; init; }

    public required IReadOnlyList<string> SshKeys { get; init; }

    public required string Ipv4 { get; init; }

    public required string HostKey { get; init; }

    /// <summary><c>cloning</c>, <c>stopped</c> or <c>running</c>.</summary>
    public required string Status { get; init; }

    /// <summary>When the machine's clone began; its clone ran until <see cref="BusyUntilMs"/>.</summary>
    public long CloneStartedMs { get; init; }

    /// <summary>When the task now running on the machine ends.</summary>
    public long BusyUntilMs { get; init; }
}
