using Fediversity.Orchestrator.Locking;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Fediversity.Panel.Refresh;

/// <summary>
/// Reads every operator's resources back from their providers, as <c>fedi refresh</c> does, so that what
/// changed outside Fediversity shows on the overview and in the next plan. Each refresh holds the operator's
/// deployment lease: an operator whose deployment runs is skipped and refreshed on the next round.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class RefreshJob(
    IDbContextFactory<PanelDbContext> databases, PanelOrchestrator orchestrator, ILogger<RefreshJob> logger) : IJob
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

        foreach (var slug in slugs.Where(deployed.Contains))
        {
            await RefreshOneAsync(slug, cancellationToken);
        }
    }

    private async Task RefreshOneAsync(string slug, CancellationToken cancellationToken)
    {
        var holder = LeaseHolder.Current() with { Name = $"the panel (periodic refresh of {slug})" };
        try
        {
            var drifts = await orchestrator.Runner.RefreshAsync(slug, holder, cancellationToken);
            LogRefreshed(logger, slug, drifts.Length);
        }
        catch (DeploymentLockedException)
        {
            LogBusy(logger, slug);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One operator's unreachable provider must not keep the others from being refreshed.
            LogFailed(logger, e, slug);
        }
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Refreshed {Operator}: {Drifts} drifted")]
    private static partial void LogRefreshed(ILogger logger, string @operator, int drifts);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information,
        Message = "Refresh of {Operator} skipped: its deployment is running")]
    private static partial void LogBusy(ILogger logger, string @operator);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Refresh of {Operator} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string @operator);
}
