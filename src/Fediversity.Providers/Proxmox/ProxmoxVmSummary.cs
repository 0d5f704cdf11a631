namespace Fediversity.Providers.Proxmox;

/// <summary>One machine as a node's machine list shows it.</summary>
internal sealed record ProxmoxVmSummary(int VmId, string? Name, string? Status, bool IsTemplate, string? Lock);
