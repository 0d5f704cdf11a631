using Microsoft.Extensions.Logging;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// Makes full clones of the template. Proxmox reserves nothing between <c>/cluster/nextid</c> and the
/// clone call, so ids are asked for under a lock of this process, and a clone refused because its id was
/// taken meanwhile (by another process) asks for the next one. At most <c>clonesPerNode</c> clones run at
/// once: more full clones of one template on one node time out on its lock.
/// </summary>
internal sealed class ProxmoxCloner(ProxmoxVmApi api, ProxmoxOptions options, ILogger logger) : IDisposable
{
    private const int IdAttempts = 10;

    private readonly SemaphoreSlim idLock = new(1, 1);
    private readonly SemaphoreSlim clones = new(options.ClonesPerNode, options.ClonesPerNode);

    /// <summary>Clones the template into a new machine named <paramref name="name"/> and waits for the clone.</summary>
    public async Task<int> CloneAsync(string name, Action<string> report, CancellationToken cancellationToken)
    {
        await clones.WaitAsync(cancellationToken);
        try
        {
            var (vmId, upid) = await BeginAsync(name, cancellationToken);
            report($"cloning template {options.Template} into machine {vmId} on {options.StoragePool}");
            await api.WaitTaskAsync(upid, $"clone template {options.Template} into machine {vmId} ({name})",
                cancellationToken);
            return vmId;
        }
        finally
        {
            clones.Release();
        }
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

    public void Dispose()
    {
        idLock.Dispose();
        clones.Dispose();
    }
}
