using Fediversity.Panel.Data;
using Fediversity.Panel.Deployments;
using Fediversity.Panel.Hosting;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Fediversity.Panel.Refresh;

/// <summary>
/// The periodic refresh: queues a refresh of every deployed operator on that operator's own job, the one that
/// runs their deployments, so that the job engine never runs a refresh and a deployment of theirs at once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RefreshJob(
    IDbContextFactory<PanelDbContext> databases, PanelOrchestrator orchestrator, ISchedulerFactory schedulers) : IJob
{
    public static readonly JobKey Key = new("refresh-fleet", "refresh");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var deployed = (await orchestrator.Store.ListDeploymentsAsync(cancellationToken))
            .Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        List<string> slugs;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            slugs = await db.Operators.AsNoTracking().Select(o => o.Slug).ToListAsync(cancellationToken);
        }

        var queue = new DeploymentQueue(schedulers);
        foreach (var slug in slugs.Where(deployed.Contains))
        {
            await queue.EnqueueRefreshAsync(slug, cancellationToken);
        }
    }
}
