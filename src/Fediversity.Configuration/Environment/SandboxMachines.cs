using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>In-process stand-in machines whose configurations are written into a folder.</summary>
[Description("Stand-in machines inside Fediversity itself; "
    + "each machine is a folder that receives its configuration.")]
public sealed record SandboxMachines : MachineSource
{
    [Description("How long a stand-in clone takes, in milliseconds.")]
    [Range(0, int.MaxValue)]
    public int CloneMs { get; init; } = 2000;

    [Description("How long a stand-in machine takes to boot, in milliseconds.")]
    [Range(0, int.MaxValue)]
    public int StartMs { get; init; } = 1000;

    [Description("How long switching a stand-in machine to its configuration takes, in milliseconds.")]
    [Range(0, int.MaxValue)]
    public int SwitchMs { get; init; } = 1500;

    [Description("How many stand-in clones may run at once, counted over every process sharing the state, "
        + "as on a Proxmox VE node.")]
    [Range(1, int.MaxValue)]
    public int ClonesPerNode { get; init; } = 2;
}
