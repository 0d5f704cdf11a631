using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// At start, fails cleanly every queued deployment that the job store no longer holds, so that none
/// waits forever. Running ones are left to the job store, which fires them again to resume.
/// </summary>
internal sealed class QueueReconciler(IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<DeploymentQueue>();
        var waiting = await db.Deployments.Where(d => d.Status == DeploymentStatus.Queued).ToListAsync(stoppingToken);
        foreach (var record in waiting)
        {
            if (!await queue.IsQueuedAsync(record.Id, stoppingToken))
            {
                record.Status = DeploymentStatus.Failed;
                record.EndedAt = time.GetUtcNow();
                record.Error = "This deployment was no longer in the queue when the panel started; nothing was " +
                    "changed. Deploy again.";
            }
        }

        await db.SaveChangesAsync(stoppingToken);
    }
}
