using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>Configurations are pushed over SSH with the operator's deploy key and switched to.</summary>
[Description("Push each configuration over SSH with the operator's deploy key, then switch to it.")]
public sealed record SshAccess : HostAccess
{
    [Description("The user Fediversity signs in as; it must be allowed to switch the system.")]
    [MinLength(1)]
    public string User { get; init; } = "root";

    [Description("How long one switch may take, in seconds, before it counts as failed.")]
    [Range(30, 7200)]
    public int SwitchTimeoutSeconds { get; init; } = 1800;
}
