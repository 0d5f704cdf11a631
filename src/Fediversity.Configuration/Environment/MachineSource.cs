using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Environment;

/// <summary>Where an operator's machines come from.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SandboxMachines), "sandbox")]
[JsonDerivedType(typeof(ProxmoxMachines), "proxmox")]
[JsonDerivedType(typeof(StaticMachines), "static")]
public abstract record MachineSource;
