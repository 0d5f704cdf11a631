using System.Collections.Concurrent;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// Hands out the pool's addresses. An address is free when no machine on the node has it in its
/// <c>ipconfig0</c> and no machine this process is making holds it; the check and the hand-out happen
/// under one lock. Known shortcoming: two Fediversity processes making machines on one node at the
/// same moment can be handed the same address; one process per cluster avoids that.
/// </summary>
internal sealed class ProxmoxAddresses(ProxmoxVmApi api, ProxmoxAddressPool pool) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, string> held = new(StringComparer.Ordinal);

    public ProxmoxAddressPool Pool => pool;

    /// <summary>A free address for the machine <paramref name="name"/> (the same one when asked again).</summary>
    public async Task<string> TakeAsync(string name, CancellationToken cancellationToken)
    {
        if (held.TryGetValue(name, out var mine))
        {
            return mine;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var used = new HashSet<string>(held.Values, StringComparer.Ordinal);
            foreach (var vm in await api.ListAsync(cancellationToken))
            {
                if (await api.ConfigAsync(vm.VmId, cancellationToken) is { StaticAddress: { } address })
                {
                    used.Add(address);
                }
            }

            var free = pool.Addresses().Select(a => a.ToString()).FirstOrDefault(a => !used.Contains(a))
                ?? throw new ProxmoxApiException(
                    $"Every address from {pool.First} to {pool.Last} is in use on the node; widen " +
                    "'machines.addresses' in the hosting environment or remove machines.");
            held[name] = free;
            return free;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
