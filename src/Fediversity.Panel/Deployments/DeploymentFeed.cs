using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// The one reader of a deployment's events in this process, and its watchers. Everything here except the
/// database reads runs under the lock of <see cref="DeploymentFeeds"/>, which owns it.
/// </summary>
internal sealed partial class DeploymentFeed(
    long deploymentId,
    IDbContextFactory<PanelDbContext> databases,
    TimeProvider time,
    Lock gate,
    ILogger logger,
    CancellationToken stopping)
{
    /// <summary>The most events one read takes; a reader that got this many reads again at once.</summary>
    public const int Batch = 500;

    private readonly List<DeploymentWatch> watchers = [];
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long frontier;
    private DeploymentStatus? end;
    private bool running;
    private bool stopped;

    public long DeploymentId { get; } = deploymentId;

    /// <summary>Watchers, and callers waiting to become one; the reader stops when none are left.</summary>
    public int Holders { get; set; }

    public int Watchers => watchers.Count;

    /// <summary>Done once the reader knows the deployment's latest event, from which it reads on.</summary>
    public Task Ready => ready.Task;

    public void Start()
    {
        running = true;
        _ = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Stops the reader; its last watcher has left.</summary>
    public void Stop()
    {
        stopped = true;
        if (running)
        {
            stop.Cancel();
        }
        else
        {
            stop.Dispose();
        }
    }

    /// <summary>
    /// A new watcher: what it missed up to the reader's latest event it reads itself, once; everything after
    /// comes from the reader.
    /// </summary>
    public DeploymentWatch Join(long after, Action<DeploymentWatch> leave)
    {
        var watch = new DeploymentWatch(DeploymentId, after, frontier, databases, time, leave);
        watchers.Add(watch);
        if (end is { } status)
        {
            watch.Offer(new FeedMessage(null, status));
        }

        return watch;
    }

    public void Remove(DeploymentWatch? watch)
    {
        if (watch is not null)
        {
            watchers.Remove(watch);
        }
    }

    /// <summary>Hands every event newer than the latest handed over to each watcher, in order.</summary>
    public void Deliver(IEnumerable<StoredEvent> events)
    {
        if (!Ready.IsCompletedSuccessfully || end is not null)
        {
            return;
        }

        foreach (var stored in events)
        {
            if (stored.Id <= frontier)
            {
                continue;
            }

            frontier = stored.Id;
            var message = new FeedMessage(stored, null);
            watchers.ForEach(w => w.Offer(message));
        }
    }

    public void Wake() => wake.TrySetResult();

    /// <summary>The events of a deployment after one id, up to another, oldest first.</summary>
    public static IQueryable<StoredEvent> Events(PanelDbContext db, long deploymentId, long after, long upTo) =>
        db.DeploymentEvents.AsNoTracking()
            .Where(e => e.DeploymentId == deploymentId && e.Id > after && e.Id <= upTo)
            .OrderBy(e => e.Id)
            .Select(e => new StoredEvent(e.Id, e.Type, e.Json));

    private async Task RunAsync()
    {
        var cancellationToken = stop.Token;
        try
        {
            await using (var db = await databases.CreateDbContextAsync(cancellationToken))
            {
                var latest = await db.DeploymentEvents.Where(e => e.DeploymentId == DeploymentId)
                    .MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
                lock (gate)
                {
                    frontier = latest;
                }
            }

            ready.TrySetResult();
            while (!cancellationToken.IsCancellationRequested && await ReadOnceAsync(cancellationToken))
            {
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ready.TrySetCanceled(cancellationToken);
        }
        catch (Exception e) when (!ready.Task.IsCompleted)
        {
            LogReadFailed(logger, e, DeploymentId);
            ready.TrySetException(e);
        }
        finally
        {
            lock (gate)
            {
                running = false;
                if (stopped)
                {
                    stop.Dispose();
                }
            }
        }
    }

    /// <summary>One poll: the deployment's status, then its new events. False once its end is handed out.</summary>
    private async Task<bool> ReadOnceAsync(CancellationToken cancellationToken)
    {
        var full = false;
        try
        {
            long from;
            lock (gate)
            {
                from = frontier;
            }

            // The status first: once it says ended, the events read after it are all there will be.
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var status = await db.Deployments.Where(d => d.Id == DeploymentId).Select(d => (DeploymentStatus?)d.Status)
                .FirstOrDefaultAsync(cancellationToken);
            var rows = await Events(db, DeploymentId, from, long.MaxValue).Take(Batch).ToListAsync(cancellationToken);
            full = rows.Count == Batch;

            lock (gate)
            {
                Deliver(rows);
                if (!full && status is DeploymentStatus.Succeeded or DeploymentStatus.Failed)
                {
                    end = status;
                    var message = new FeedMessage(null, status);
                    watchers.ForEach(w => w.Offer(message));
                    return false;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database may be briefly out of reach; watchers keep waiting and the next poll tries again.
            LogReadFailed(logger, e, DeploymentId);
        }

        if (!full)
        {
            await WaitAsync(cancellationToken);
        }

        return true;
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        Task woken;
        lock (gate)
        {
            woken = wake.Task;
        }

        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(woken, Task.Delay(Poll, time, poll.Token));
        await poll.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();

        lock (gate)
        {
            if (wake.Task.IsCompleted)
            {
                wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private static TimeSpan Poll => DeploymentFeeds.Poll;

    [LoggerMessage(EventId = 5120, Level = LogLevel.Warning,
        Message = "Reading the events of deployment {DeploymentId} for its watchers failed; trying again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, long deploymentId);
}
