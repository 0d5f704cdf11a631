namespace Fediversity.Providers.Proxmox;

/// <summary>Waits on a machine: for its lock to go, for its guest agent to answer, for any condition.</summary>
internal sealed class ProxmoxMachineWaits(ProxmoxVmApi api, ProxmoxOptions options, TimeProvider time)
{
    /// <summary>Waits until no task holds the machine's lock (a clone left running by an earlier run, say).</summary>
    public Task UnlockedAsync(int vmId, CancellationToken cancellationToken) =>
        UntilAsync($"machine {vmId} to be unlocked", options.TaskTimeout, async ct =>
            await api.ConfigAsync(vmId, ct) is { Lock: not null } ? null : (bool?)true, cancellationToken);

    /// <summary>Asks the guest agent until it answers with a value; an agent not yet running is asked again.</summary>
    public Task<string> AgentAsync(
        int vmId, string what, Func<CancellationToken, Task<string?>> ask, CancellationToken cancellationToken) =>
        UntilAsync($"machine {vmId}'s guest agent to {what}", options.AgentTimeout, async ct =>
        {
            try
            {
                return await ask(ct) is { Length: > 0 } answer ? answer : null;
            }
            catch (ProxmoxApiException e) when (!e.IsMissing && e.Status >= 500)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// Polls <paramref name="attempt"/> until it gives a value, or fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task<T> UntilAsync<T>(
        string what, TimeSpan timeout, Func<CancellationToken, Task<T?>> attempt, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            if (await attempt(cancellationToken) is { } value)
            {
                return value;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProxmoxApiException(
                    $"Gave up waiting for {what} after {timeout}; look at the machine's console in Proxmox VE, " +
                    "then apply again.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    public async Task UntilAsync(
        string what, TimeSpan timeout, Func<CancellationToken, Task<bool?>> attempt,
        CancellationToken cancellationToken) =>
        await UntilAsync<object>(what, timeout, async ct => await attempt(ct) is true ? true : null, cancellationToken);
}
