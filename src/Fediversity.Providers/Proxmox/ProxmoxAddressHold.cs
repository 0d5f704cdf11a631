namespace Fediversity.Providers.Proxmox;

/// <summary>A chosen address, kept from every other chooser until it is written and this is disposed.</summary>
/// <param name="Address">The address, for example <c>192.0.2.10</c>.</param>
/// <param name="Permit">The node's address permit.</param>
internal sealed record ProxmoxAddressHold(string Address, IAsyncDisposable Permit) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Permit.DisposeAsync();
}
