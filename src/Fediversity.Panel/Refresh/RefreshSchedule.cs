using Fediversity.Panel.Hosting;
using Quartz;

namespace Fediversity.Panel.Refresh;

/// <summary>Stores, changes or removes the periodic refresh in the job store, as the settings say.</summary>
internal static class RefreshSchedule
{
    public static readonly TriggerKey TriggerKey = new("refresh-fleet-every", "refresh");

    public static async Task ApplyAsync(
        IServiceProvider services, PanelOptions options, CancellationToken cancellationToken)
    {
        if (options.RefreshMinutes < 0 || double.IsNaN(options.RefreshMinutes))
        {
            throw new InvalidOperationException(
                $"Panel:RefreshMinutes is {options.RefreshMinutes}: give the minutes between two refreshes of " +
                "every operator's resources, or 0 to turn the periodic refresh off.");
        }

        if (!options.RunWorkers)
        {
            return;
        }

        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        if (options.RefreshMinutes == 0)
        {
            await scheduler.DeleteJob(RefreshJob.Key, cancellationToken);
            return;
        }

        var interval = TimeSpan.FromMinutes(options.RefreshMinutes);
        var job = JobBuilder.Create<RefreshJob>().WithIdentity(RefreshJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKey)
            .ForJob(RefreshJob.Key)
            .StartAt(DateTimeOffset.UtcNow + interval)

            // Late by more than a minute (the panels were stopped), it skips the refreshes it missed; the job
            // store's own threshold is long, for queued deployments.
            .WithMisfireThreshold(TimeSpan.FromMinutes(1))
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}
