using Fediversity.Panel.Data;
using Quartz;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// Puts deployments in the job store. Each operator has one job, so that the job engine never runs two of
/// its deployments at once; each deployment is a trigger of that job.
/// </summary>
internal sealed class DeploymentQueue(ISchedulerFactory schedulers)
{
    public const string Group = "deployments";

    public const string DeploymentIdKey = "deploymentId";

    /// <summary>Set on a trigger that refreshes the operator's resources instead of running a deployment.</summary>
    public const string RefreshSlugKey = "refreshSlug";

    public static JobKey JobFor(string slug) => new("operator-" + slug, Group);

    public static TriggerKey TriggerFor(long deploymentId) => new("deployment-" + deploymentId, Group);

    public async Task EnqueueAsync(OperatorAccount account, DeploymentRecord record, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = await StoreJobAsync(scheduler, account.Slug, cancellationToken);

        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerFor(record.Id))
            .ForJob(job.Key)
            .UsingJobData(DeploymentIdKey, record.Id)
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
    }

    /// <summary>Queues a refresh on the operator's job, unless one already waits there.</summary>
    public async Task EnqueueRefreshAsync(string slug, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new TriggerKey("refresh-" + slug, Group);
        if (await scheduler.GetTrigger(key, cancellationToken) is not null)
        {
            return;
        }

        var job = await StoreJobAsync(scheduler, slug, cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job.Key)
            .UsingJobData(RefreshSlugKey, slug)
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
    }

    private static async Task<IJobDetail> StoreJobAsync(
        IScheduler scheduler, string slug, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<DeploymentJob>()
            .WithIdentity(JobFor(slug))
            .StoreDurably()
            .RequestRecovery()
            .Build();
        await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
        return job;
    }

    /// <summary>Whether the job store still holds the deployment's trigger (waiting, or firing).</summary>
    public async Task<bool> IsQueuedAsync(long deploymentId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.GetTrigger(TriggerFor(deploymentId), cancellationToken) is not null;
    }
}
