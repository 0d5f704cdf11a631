using Fediversity.Orchestrator.Locking;
using Fediversity.Panel.Hosting;

namespace Fediversity.Panel.Refresh;

/// <summary>One operator's refresh, run by that operator's job so that it never overlaps their deployments.</summary>
internal static partial class OperatorRefresh
{
    public static async Task RunAsync(
        PanelOrchestrator orchestrator, ILogger logger, string slug, CancellationToken cancellationToken)
    {
        if ((await orchestrator.Store.ListDeploymentsAsync(cancellationToken)).All(d => d.Id != slug))
        {
            return;
        }

        var holder = LeaseHolder.Current() with { Name = $"the panel (periodic refresh of {slug})" };
        try
        {
            var drifts = await orchestrator.Runner.RefreshAsync(slug, holder, cancellationToken);
            LogRefreshed(logger, slug, drifts.Length);
        }
        catch (DeploymentLockedException)
        {
            // A command-line run holds the lease; the next round refreshes this operator.
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
        Message = "Refresh of {Operator} skipped: another run holds its lease")]
    private static partial void LogBusy(ILogger logger, string @operator);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Refresh of {Operator} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string @operator);
}
