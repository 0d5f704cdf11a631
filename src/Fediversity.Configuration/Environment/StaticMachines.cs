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

    [Description("A file that holds the private SSH key the machines let root sign in with before their first "
        + "deployment, such as the one the hosting provider installs them with. Fediversity signs in with it only "
        + "when the operator's deploy key is refused; the first switch makes the deploy key the only one let in.")]
    [MinLength(1)]
    public string? BootstrapKeyFile { get; init; }
}
