using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// The live channel's readers: one per watched deployment, shared by everyone watching it. A reader reads the
/// database once per poll for all its watchers (in a cluster, another panel's worker may be writing the events)
/// and hands what it finds to each of them; events this process writes are handed over at once. A reader
/// ends when the last watcher of its deployment leaves.
/// </summary>
internal sealed class DeploymentFeeds(
    IDbContextFactory<PanelDbContext> databases, TimeProvider time, ILogger<DeploymentFeeds> logger) : IDisposable
{
    /// <summary>How often a reader looks for events written by other processes and for the deployment's end.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly Lock gate = new();
    private readonly Dictionary<long, DeploymentFeed> feeds = [];
    private readonly CancellationTokenSource stopping = new();

    /// <summary>How many deployments have a reader now.</summary>
    public int Readers
    {
        get
        {
            lock (gate)
            {
                return feeds.Count;
            }
        }
    }

    /// <summary>How many watchers the deployment has in this process.</summary>
    public int Watching(long deploymentId)
    {
        lock (gate)
        {
            return feeds.GetValueOrDefault(deploymentId)?.Watchers ?? 0;
        }
    }

    /// <summary>
    /// Joins the watchers of a deployment the caller may see, after the event id it last saw; the deployment's
    /// reader starts with its first watcher.
    /// </summary>
    public async Task<DeploymentWatch> WatchAsync(long deploymentId, long after, CancellationToken cancellationToken)
    {
        DeploymentFeed feed;
        lock (gate)
        {
            if (!feeds.TryGetValue(deploymentId, out feed!))
            {
                feed = new DeploymentFeed(deploymentId, databases, time, gate, logger, stopping.Token);
                feeds.Add(deploymentId, feed);
                feed.Start();
            }

            feed.Holders++;
        }

        try
        {
            await feed.Ready.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(feed, null);
            throw;
        }

        lock (gate)
        {
            return feed.Join(after, watch => Leave(feed, watch));
        }
    }

    /// <summary>Hands an event this process has just stored to the watchers of its deployment, if any.</summary>
    public void Published(long deploymentId, StoredEvent stored)
    {
        lock (gate)
        {
            if (feeds.TryGetValue(deploymentId, out var feed))
            {
                feed.Deliver([stored]);
            }
        }
    }

    /// <summary>Tells the deployment's reader, if any, to look for its end now rather than at its next poll.</summary>
    public void Ended(long deploymentId)
    {
        lock (gate)
        {
            if (feeds.TryGetValue(deploymentId, out var feed))
            {
                feed.Wake();
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private void Leave(DeploymentFeed feed, DeploymentWatch? watch)
    {
        lock (gate)
        {
            feed.Remove(watch);
            if (--feed.Holders == 0 && feeds.GetValueOrDefault(feed.DeploymentId) == feed)
            {
                feeds.Remove(feed.DeploymentId);
                feed.Stop();
            }
        }
    }
}
