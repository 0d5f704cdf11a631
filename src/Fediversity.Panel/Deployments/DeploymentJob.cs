using Fediversity.Configurator;
using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Locking;
using Fediversity.Panel.Configuration;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Fediversity.Panel.Refresh;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// Runs one queued deployment, account deletion or periodic refresh of an operator with the orchestrator. One
/// job per operator, never run twice at once; a run cut off by a stop or a crash is fired again by the job
/// store and resumes where the state says it was.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class DeploymentJob(
    IServiceScopeFactory scopes,
    StoredEventWriter events,
    PanelOrchestrator orchestrator,
    DeploymentFeeds feeds,
    TimeProvider time,
    ILogger<DeploymentJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (context.MergedJobDataMap.ContainsKey(DeploymentQueue.RefreshSlugKey))
        {
            var slug = context.MergedJobDataMap.GetString(DeploymentQueue.RefreshSlugKey)!;
            await OperatorRefresh.RunAsync(orchestrator, logger, slug, cancellationToken);
            return;
        }

        var id = context.MergedJobDataMap.GetLong(DeploymentQueue.DeploymentIdKey);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDbContext>();
        var record = await db.Deployments.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (record is null || record.Status is DeploymentStatus.Succeeded or DeploymentStatus.Failed)
        {
            return;
        }

        var account = await db.Operators.AsNoTracking().FirstAsync(o => o.Id == record.OperatorId, cancellationToken);
        var sink = new StoredEventSink(events, id, time);
        if (record.Status == DeploymentStatus.Running)
        {
            sink.Note("The panel stopped while this deployment ran; it goes on from where it was.");
            LogResumed(logger, id, account.Slug);
        }

        record.Status = DeploymentStatus.Running;
        record.StartedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogStarted(logger, id, account.Slug);

        try
        {
            await RunAsync(scope.ServiceProvider, account, record, sink, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Left running on purpose: the job store hands the firing back and the next start resumes it.
            throw;
        }
        catch (DeploymentLockedException e)
        {
            await EndAsync(db, sink, record, DeploymentStatus.Failed, e.Message);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, id, account.Slug);
            await EndAsync(db, sink, record, DeploymentStatus.Failed,
                "The deployment stopped with an error: " + e.Message + " Deploy again to finish.");
        }
    }

    private async Task RunAsync(
        IServiceProvider services, OperatorAccount account, DeploymentRecord record, StoredEventSink sink,
        CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PanelDbContext>();
        if (await db.OperatorDeletions.AnyAsync(x => x.DeploymentId == record.Id, cancellationToken))
        {
            await DeleteAccountAsync(db, account, record, sink, cancellationToken);
            return;
        }

        var configurations = services.GetRequiredService<ConfigurationStore>();
        var version = await configurations.FindAsync(account.Id, record.ConfigurationVersionId, cancellationToken)
            ?? throw new InvalidOperationException("The configuration version of this deployment is missing.");
        var configuration = configurations.Read(version);
        var configured = services.GetRequiredService<DeploymentPreparer>().Configure(account, configuration);
        if (!configured.Succeeded)
        {
            await EndAsync(db, sink, record, DeploymentStatus.Failed, "The configuration no longer fits the hosting " +
                "environment: " + string.Join("; ", configured.Problems.Select(p => p.Message)) + ".");
            return;
        }

        var shown = ShownStep.Deserialize(record.ShownPlanJson);
        var request = new ApplyRequest(configured.Graph!, orchestrator.Environment.Name,
            plan => ShownStep.Allows(shown, plan, record.DataLossConfirmed))
        {
            Command = "apply",
            Holder = LeaseHolder.Current() with { Name = $"the panel (deployment {record.Id} of {account.Slug})" },
        };

        var result = await orchestrator.Runner.ApplyAsync(request, sink, cancellationToken);
        if (result.Declined)
        {
            await EndAsync(db, sink, record, DeploymentStatus.Failed, "The plan changed after you saw it (another " +
                "deployment changed the services); nothing was changed. Review the new plan and deploy again.");
            return;
        }

        var summary = result.Summary!;
        record.Created = summary.Created;
        record.Updated = summary.Updated + summary.Replaced;
        record.Deleted = summary.Deleted;
        record.Failed = summary.Failed + summary.Skipped;
        await EndAsync(db, sink, record, summary.Succeeded ? DeploymentStatus.Succeeded : DeploymentStatus.Failed,
            summary.Succeeded ? null : $"{summary.Failed} step(s) failed and {summary.Skipped} could not run. " +
                "Deploy again to finish; steps that ended are not repeated.");
    }

    /// <summary>
    /// Removes every resource of the operator as <c>fedi destroy</c> does (the orchestrator keeps the accounting
    /// records and writes the audit record), then erases the panel's logs of the operator: the events of its
    /// other deployments. A failure leaves the account deleting; asking again finishes it.
    /// </summary>
    private async Task DeleteAccountAsync(
        PanelDbContext db, OperatorAccount account, DeploymentRecord record, StoredEventSink sink,
        CancellationToken cancellationToken)
    {
        var environment = orchestrator.Environment;
        var request = new ApplyRequest(ClusterConfigurator.Nothing(account.Slug), environment.Name, _ => true)
        {
            Command = "destroy",
            Holder = LeaseHolder.Current() with { Name = $"{record.RequestedBy} (account deletion in the panel)" },
            AccountingRetention = TimeSpan.FromDays(environment.Retention.AccountingDays),
        };

        var result = await orchestrator.Runner.ApplyAsync(request, sink, cancellationToken);
        var summary = result.Summary!;
        record.Deleted = summary.Deleted;
        record.Failed = summary.Failed + summary.Skipped;
        if (!summary.Succeeded)
        {
            await EndAsync(db, sink, record, DeploymentStatus.Failed, $"{summary.Failed} step(s) failed and " +
                $"{summary.Skipped} could not run; the account is still deleting. Delete it again to finish.");
            return;
        }

        var others = db.Deployments.Where(d => d.OperatorId == account.Id && d.Id != record.Id).Select(d => d.Id);
        await db.DeploymentEvents.Where(e => others.Contains(e.DeploymentId)).ExecuteDeleteAsync(cancellationToken);
        await EndAsync(db, sink, record, DeploymentStatus.Succeeded, null);
    }

    private async Task EndAsync(
        PanelDbContext db, StoredEventSink sink, DeploymentRecord record, DeploymentStatus status, string? error)
    {
        await sink.FlushAsync();
        record.Status = status;
        record.Error = error;
        record.EndedAt = time.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        feeds.Ended(record.Id);
        LogEnded(logger, record.Id, status);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Deployment {DeploymentId} of {Operator} started")]
    private static partial void LogStarted(ILogger logger, long deploymentId, string @operator);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Deployment {DeploymentId} of {Operator} resumed")]
    private static partial void LogResumed(ILogger logger, long deploymentId, string @operator);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Deployment {DeploymentId} ended: {Status}")]
    private static partial void LogEnded(ILogger logger, long deploymentId, DeploymentStatus status);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Deployment {DeploymentId} of {Operator} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long deploymentId, string @operator);
}
