using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>Machines that already exist and run NixOS, listed by the hosting provider.</summary>
[Description("Machines that already run NixOS, each assigned to one operator's application.")]
public sealed record StaticMachines : MachineSource
{
    [Description("The machines.")]
    [MinLength(1)]
    public required IReadOnlyList<StaticMachine> Hosts { get; init; }
}
