using Fediversity.Resources.Permits;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// Hands out the pool's addresses. An address is free when no machine on the node has it in its
/// <c>ipconfig0</c>. Choosing one and writing it into the machine's configuration happen under one permit of
/// the node, shared by every process using the same state store, so that two processes never choose the same.
/// </summary>
internal sealed class ProxmoxAddresses(
    ProxmoxVmApi api, ProxmoxAddressPool pool, IPermitSource permits, string permitName)
{
    public ProxmoxAddressPool Pool => pool;

    /// <summary>
    /// A free address, held until the returned hold is disposed; the caller writes it into the machine's
    /// configuration before that, so that the next choice, in any process, sees it taken.
    /// </summary>
    public async Task<ProxmoxAddressHold> ChooseAsync(CancellationToken cancellationToken)
    {
        var permit = await permits.AcquireAsync(permitName, 1, cancellationToken);
        try
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
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
            return new ProxmoxAddressHold(free, permit);
        }
        catch
        {
            await permit.DisposeAsync();
            throw;
        }
    }
}
