using Fediversity.Resources.Permits;
using Fediversity.Resources.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fediversity.Providers.Proxmox;

/// <summary>The provider of virtual machines on a Proxmox VE cluster.</summary>
public static class ProxmoxProviders
{
    /// <summary>Makes the <c>vm</c> provider for one Proxmox VE node.</summary>
    /// <param name="options">Where the cluster is, how to sign in, and how machines are made.</param>
    /// <param name="httpClient">
    /// The client to call the API with; when <c>null</c> one is made for the providers' life.
    /// </param>
    /// <param name="time">The clock, for waits and the pauses between retries.</param>
    /// <param name="sshProbe">
    /// Whether a machine answers SSH at an address; <see cref="ProxmoxSshProbe.AnswersAsync"/> when <c>null</c>.
    /// </param>
    /// <param name="logger">Where the calls are logged; nowhere when <c>null</c>.</param>
    /// <param name="permits">
    /// Where the node's clone slots and address choice are counted: the state store's, so that every process
    /// sharing it keeps to them; within this process only when <c>null</c>.
    /// </param>
    public static IReadOnlyList<ResourceProvider> For(
        ProxmoxOptions options,
        HttpClient? httpClient,
        TimeProvider time,
        Func<string, CancellationToken, Task<bool>>? sshProbe = null,
        ILogger? logger = null,
        IPermitSource? permits = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        var log = logger ?? NullLogger.Instance;
        var api = new ProxmoxVmApi(new ProxmoxClient(options, httpClient ?? new HttpClient(), time, log));
        permits ??= new ProcessPermits();
        var addresses = options.Addresses is null
            ? null
            : new ProxmoxAddresses(api, options.Addresses, permits,
                $"proxmox/{options.Endpoint.Authority}/{options.Node}/addresses");
        return
        [
            new ProxmoxVmProvider(api, new ProxmoxCloner(api, options, permits, log), addresses,
                new ProxmoxLockRetry(options, time, log), options, sshProbe ?? ProxmoxSshProbe.AnswersAsync, time),
        ];
    }
}
