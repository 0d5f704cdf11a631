using Fediversity.Resources.Permits;
using Microsoft.Extensions.Logging;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// Makes full clones of the template. Proxmox reserves nothing between <c>/cluster/nextid</c> and the
/// clone call, so ids are asked for under a lock of this process, and a clone refused because its id was
/// taken meanwhile (by another process) asks for the next one. At most <c>clonesPerNode</c> clones run at
/// once on the node, counted over every process sharing the permits (the state store's): more full clones
/// of one template on one node time out on its lock.
/// </summary>
internal sealed class ProxmoxCloner(
    ProxmoxVmApi api, ProxmoxOptions options, IPermitSource permits, ILogger logger) : IDisposable
{
    private const int IdAttempts = 10;

    private readonly SemaphoreSlim idLock = new(1, 1);

    /// <summary>The slot set of the node's clones, the same name in every process.</summary>
    public string PermitName { get; } = $"proxmox/{options.Endpoint.Authority}/{options.Node}/clones";

    /// <summary>Clones the template into a new machine named <paramref name="name"/> and waits for the clone.</summary>
    public async Task<int> CloneAsync(string name, Action<string> report, CancellationToken cancellationToken)
    {
        await using var permit = await permits.AcquireAsync(PermitName, options.ClonesPerNode, cancellationToken);
        var (vmId, upid) = await BeginAsync(name, cancellationToken);
        report($"cloning template {options.Template} into machine {vmId} on {options.StoragePool}");
        await api.WaitTaskAsync(upid, $"clone template {options.Template} into machine {vmId} ({name})",
            cancellationToken);
        return vmId;
    }

    private async Task<(int VmId, string Upid)> BeginAsync(string name, CancellationToken cancellationToken)
    {
        await idLock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var vmId = await api.NextIdAsync(cancellationToken);
                try
                {
                    return (vmId, await api.BeginCloneAsync(
                        options.Template, vmId, name, options.StoragePool, cancellationToken));
                }
                catch (ProxmoxApiException e) when (e.IsVmIdTaken && attempt < IdAttempts)
                {
                    ProxmoxLog.VmIdTaken(logger, vmId);
                }
            }
        }
        finally
        {
            idLock.Release();
        }
    }

    public void Dispose() => idLock.Dispose();
}
