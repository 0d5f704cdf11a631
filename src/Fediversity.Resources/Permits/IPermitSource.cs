namespace Fediversity.Resources.Permits;

/// <summary>
/// Hands out permits of named slot sets: at most <c>slots</c> holders of one name at once, across every
/// process that shares this source's backing (a state database, a state folder, or only this process).
/// Providers use it for limits that the remote side needs but does not enforce, such as clones per node.
/// </summary>
public interface IPermitSource
{
    /// <summary>
    /// Waits until fewer than <paramref name="slots"/> holders of <paramref name="name"/> remain, then holds
    /// one slot until the returned permit is disposed. A holder whose process ends loses its slot.
    /// </summary>
    /// <param name="name">The slot set, for example <c>proxmox/pve.example.net/node1/clones</c>.</param>
    /// <param name="slots">How many holders the set allows; every caller of one name gives the same number.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    Task<IAsyncDisposable> AcquireAsync(string name, int slots, CancellationToken cancellationToken);
}
