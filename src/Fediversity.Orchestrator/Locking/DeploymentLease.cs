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

    private DeploymentLease(StateStore store, string deployment, string holder, TimeSpan ttl)
    {
        this.store = store;
        Deployment = deployment;
        Holder = holder;
        heartbeat = RenewAsync(ttl, stop.Token);
    }

    public string Deployment { get; }

    public string Holder { get; }

    /// <summary>Cancelled when the lease was lost (another holder took it over after it expired).</summary>
    public CancellationToken Lost => lost.Token;

    private readonly CancellationTokenSource lost = new();

    /// <summary>Takes the lease or throws <see cref="DeploymentLockedException"/> at once, naming the holder.</summary>
    public static async Task<DeploymentLease> AcquireAsync(
        StateStore store, string deployment, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)ttl.TotalMilliseconds;

        await using var db = store.Context();
        var taken = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO leases ("Deployment", "Holder", "AcquiredAtMs", "ExpiresAtMs")
            VALUES ({deployment}, {holder}, {now}, {expires})
            ON CONFLICT ("Deployment") DO UPDATE SET
                "Holder" = excluded."Holder", "AcquiredAtMs" = excluded."AcquiredAtMs",
                "ExpiresAtMs" = excluded."ExpiresAtMs"
            WHERE leases."ExpiresAtMs" < {now} OR leases."Holder" = {holder}
            """,
            cancellationToken);

        if (taken == 1)
        {
            return new DeploymentLease(store, deployment, holder, ttl);
        }

        var current = await db.Leases.AsNoTracking().FirstAsync(l => l.Deployment == deployment, cancellationToken);
        throw new DeploymentLockedException(
            deployment,
            current.Holder,
            DateTimeOffset.FromUnixTimeMilliseconds(current.AcquiredAtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(current.ExpiresAtMs));
    }

    private async Task RenewAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ttl / 3, store.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var expires = store.Time.GetUtcNow().Add(ttl).ToUnixTimeMilliseconds();
                await using var db = store.Context();
                var renewed = await db.Leases
                    .Where(l => l.Deployment == Deployment && l.Holder == Holder)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtMs, expires), cancellationToken);
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

        await using var db = store.Context();
        await db.Leases
            .Where(l => l.Deployment == Deployment && l.Holder == Holder)
            .ExecuteDeleteAsync();

        stop.Dispose();
        lost.Dispose();
    }
}
