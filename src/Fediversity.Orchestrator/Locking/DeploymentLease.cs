using Fediversity.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.Locking;

/// <summary>
/// One writer per deployment: a lease row taken in a single atomic statement, renewed by a heartbeat,
/// and free for the taking once it expires, so a killed holder blocks others only until then.
/// </summary>
public sealed class DeploymentLease : IAsyncDisposable
{
    private readonly StateStore store;
    private readonly CancellationTokenSource stop = new();
    private readonly Task heartbeat;

    private DeploymentLease(StateStore store, string deployment, LeaseHolder holder, TimeSpan ttl)
    {
        this.store = store;
        Deployment = deployment;
        Holder = holder.Name;
        heartbeat = RenewAsync(ttl, stop.Token);
    }

    public string Deployment { get; }

    public string Holder { get; }

    /// <summary>Cancelled when the lease was lost (another holder took it over after it expired).</summary>
    public CancellationToken Lost => lost.Token;

    private readonly CancellationTokenSource lost = new();

    /// <summary>Takes the lease or throws <see cref="DeploymentLockedException"/> at once, naming the holder.</summary>
    public static async Task<DeploymentLease> AcquireAsync(
        StateStore store, string deployment, LeaseHolder holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (await TryTakeAsync(store, deployment, holder, ttl, steal: null, cancellationToken))
        {
            return new DeploymentLease(store, deployment, holder, ttl);
        }

        await using var db = store.Context();
        var current = await db.Leases.AsNoTracking().FirstOrDefaultAsync(l => l.Deployment == deployment, cancellationToken);
        if (current is null || (new LeaseHolder(current.Holder, current.Machine, current.ProcessId).IsDeadLocalProcess() &&
            await TryTakeAsync(store, deployment, holder, ttl, steal: current, cancellationToken)))
        {
            // Released in between, or held by a process of this machine that died: try once more.
            return current is null
                ? await AcquireAsync(store, deployment, holder, ttl, cancellationToken)
                : new DeploymentLease(store, deployment, holder, ttl);
        }

        throw new DeploymentLockedException(
            deployment,
            current.Holder,
            DateTimeOffset.FromUnixTimeMilliseconds(current.AcquiredAtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(current.ExpiresAtMs));
    }

    /// <summary>
    /// One atomic statement: insert the lease, or take it over when it expired, is ours, or is exactly the
    /// dead holder's lease given in <paramref name="steal"/>.
    /// </summary>
    private static async Task<bool> TryTakeAsync(
        StateStore store, string deployment, LeaseHolder holder, TimeSpan ttl, LeaseRow? steal,
        CancellationToken cancellationToken)
    {
        var now = store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)ttl.TotalMilliseconds;
        var stolenHolder = steal?.Holder ?? "";
        var stolenSince = steal?.AcquiredAtMs ?? -1;

        var taken = await store.WriteAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO leases ("Deployment", "Holder", "Machine", "ProcessId", "AcquiredAtMs", "ExpiresAtMs")
            VALUES ({deployment}, {holder.Name}, {holder.Machine}, {holder.ProcessId}, {now}, {expires})
            ON CONFLICT ("Deployment") DO UPDATE SET
                "Holder" = excluded."Holder", "Machine" = excluded."Machine", "ProcessId" = excluded."ProcessId",
                "AcquiredAtMs" = excluded."AcquiredAtMs", "ExpiresAtMs" = excluded."ExpiresAtMs"
            WHERE leases."ExpiresAtMs" < {now} OR leases."Holder" = {holder.Name}
               OR (leases."Holder" = {stolenHolder} AND leases."AcquiredAtMs" = {stolenSince})
            """,
            cancellationToken), cancellationToken);
        return taken == 1;
    }

    private async Task RenewAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ttl / 3, store.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var expires = store.Time.GetUtcNow().Add(ttl).ToUnixTimeMilliseconds();
                var renewed = await store.WriteAsync(db => db.Leases
                    .Where(l => l.Deployment == Deployment && l.Holder == Holder)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtMs, expires), cancellationToken),
                    cancellationToken);
                if (renewed == 0)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Released.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await heartbeat;

        await store.WriteAsync(db => db.Leases
            .Where(l => l.Deployment == Deployment && l.Holder == Holder)
            .ExecuteDeleteAsync(), CancellationToken.None);

        stop.Dispose();
        lost.Dispose();
    }
}
