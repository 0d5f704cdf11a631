using System.Threading.Channels;
using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// One watcher of a deployment: the events it missed before it joined, read once from the database, then what
/// the deployment's shared reader hands it. Leaving (disposing) frees the reader when it was the last watcher.
/// </summary>
internal sealed class DeploymentWatch(
    long deploymentId,
    long after,
    long upTo,
    IDbContextFactory<PanelDbContext> databases,
    TimeProvider time,
    Action<DeploymentWatch> leave) : IDisposable
{
    /// <summary>
    /// How far a watcher may fall behind. One that does (its connection too slow to take the events) is closed
    /// instead of holding events without end; its browser reconnects with Last-Event-ID and misses nothing.
    /// </summary>
    public const int Capacity = 4096;

    private readonly Channel<FeedMessage> channel = Channel.CreateBounded<FeedMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });

    private int left;

    /// <summary>The events before the reader's first, after the watcher's last seen, read in batches.</summary>
    public async IAsyncEnumerable<IReadOnlyList<StoredEvent>> MissedAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = after;
        while (from < upTo)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var rows = await DeploymentFeed.Events(db, deploymentId, from, upTo).Take(DeploymentFeed.Batch)
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                yield break;
            }

            yield return rows;
            from = rows[^1].Id;
        }
    }

    /// <summary>
    /// Waits for what the reader hands over: true when something can be read, false when nothing came within
    /// <paramref name="quiet"/>, null when the watcher was closed for falling behind.
    /// </summary>
    public async Task<bool?> WaitAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(quiet, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await channel.Reader.WaitToReadAsync(either.Token) ? true : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public bool TryRead(out FeedMessage message) => channel.Reader.TryRead(out message!);

    /// <summary>Called by the reader, under its lock.</summary>
    public void Offer(FeedMessage message)
    {
        if (message.Event is { } stored && stored.Id <= after)
        {
            return;
        }

        if (!channel.Writer.TryWrite(message) || message.End is not null)
        {
            channel.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref left, 1) == 0)
        {
            leave(this);
        }
    }
}
