using System.Threading.Channels;
using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// Writes the events of every deployment this process runs to the panel's database, in the order they came,
/// all that are waiting in one transaction, and then hands them to this process's watchers. A step that
/// raises an event does not wait for the disk; deployments whose events come at the same moment share one
/// commit instead of queueing for the database's write lock one event at a time.
/// </summary>
internal sealed partial class StoredEventWriter : IAsyncDisposable, IDisposable
{
    private const int Batch = 256;

    private readonly Channel<PendingEvent> queue =
        Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IDbContextFactory<PanelDbContext> databases;
    private readonly DeploymentFeeds feeds;
    private readonly ILogger<StoredEventWriter> logger;
    private readonly Task writing;

    public StoredEventWriter(
        IDbContextFactory<PanelDbContext> databases, DeploymentFeeds feeds, ILogger<StoredEventWriter> logger)
    {
        this.databases = databases;
        this.feeds = feeds;
        this.logger = logger;
        writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Queues an event; the task ends once it is stored, or its write failed and was logged.</summary>
    public Task Enqueue(DeploymentEventRow row)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new PendingEvent(row, stored);
        if (queue.Writer.TryWrite(pending))
        {
            return pending.Stored.Task;
        }

        // The panel is stopping while a run still reports: store the event on its own, as it comes.
        using var db = databases.CreateDbContext();
        db.DeploymentEvents.Add(row);
        db.SaveChanges();
        return Task.CompletedTask;
    }

    /// <summary>Stores what is still queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writing;
    }

    /// <summary>Stores what is still queued, waiting at most a little while, then stops.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        writing.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingEvent>(Batch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < Batch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteAsync(batch);
                foreach (var stored in batch)
                {
                    var row = stored.Row;
                    feeds.Published(row.DeploymentId, new StoredEvent(row.Id, row.Type, row.Json));
                }
            }
            catch (Exception e)
            {
                // The deployment itself goes on: its state is the orchestrator's; what is lost is these lines.
                LogWriteFailed(logger, e, batch.Count);
            }

            batch.ForEach(p => p.Stored.TrySetResult());
            batch.Clear();
        }
    }

    /// <summary>One transaction; each row inserted in turn, so that ids follow the order events came in.</summary>
    private async Task WriteAsync(List<PendingEvent> batch)
    {
        await using var db = await databases.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var pending in batch)
        {
            db.DeploymentEvents.Add(pending.Row);
            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();
    }

    [LoggerMessage(EventId = 5121, Level = LogLevel.Warning,
        Message = "Storing {Count} deployment events failed; they are missing from the progress pages")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    private sealed record PendingEvent(DeploymentEventRow Row, TaskCompletionSource Stored);
}
