namespace Fediversity.Resources.Kinds;

/// <summary>A virtual machine that runs one application.</summary>
public static class VirtualMachineKind
{
    public const string Kind = "vm";

    // Inputs.
    public const string Name = "name";
    public const string Cores = "cores";
    public const string MemoryMiB = "memoryMiB";
    public const string DiskGiB = "diskGiB";
    public const string SshKeys = "sshKeys";

    /// <summary>The template the machine is cloned from, where the hypervisor has templates.</summary>
    public const string Template = "template";

    /// <summary>The storage pool the machine's disk lives on, where the hypervisor has pools.</summary>
    public const string StoragePool = "storagePool";

    // Outputs.
    public const string VmId = "vmId";
    public const string Ipv4 = "ipv4";
    public const string HostKey = "hostKey";
    public const string Node = "node";
}
