using Fediversity.Bench.Workload;
using Fediversity.Configuration.Json;
using Fediversity.Orchestrator.Planning;
using Fediversity.Panel.Configuration;
using Fediversity.Panel.Data;
using Fediversity.Panel.Deployments;
using Fediversity.Panel.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fediversity.Bench.Workers;

/// <summary>
/// Operators and their deployments, made through a panel of the cluster that runs no deployments itself, as
/// the deploy page makes them: an account, a saved configuration, the plan the operator would be shown, and a
/// queued deployment of that plan. Queueing is a step of its own, so that every deployment is queued at once.
/// </summary>
internal sealed class QueuedDeployments : IAsyncDisposable
{
    private readonly WebApplication panel;
    private readonly List<(OperatorAccount Account, long Version, string Shown)> prepared = [];

    private QueuedDeployments(WebApplication panel) => this.panel = panel;

    public static async Task<QueuedDeployments> OpenAsync(
        IEnumerable<string> settings, CancellationToken cancellationToken) =>
        new(await PanelApp.BuildAsync(
            [.. settings, "--Panel:RunWorkers=false", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None"],
            cancellationToken));

    /// <summary>
    /// Makes <paramref name="operators"/> operators, each with a saved configuration and the plan its deploy page
    /// would show. The deployments themselves are recorded when they are queued: a panel starting meanwhile would
    /// find them recorded but not queued, and fail them.
    /// </summary>
    public async Task PrepareAsync(int operators, CancellationToken cancellationToken)
    {
        await using var scope = panel.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PanelDbContext>();
        var configurations = services.GetRequiredService<ConfigurationStore>();
        var preparer = services.GetRequiredService<DeploymentPreparer>();
        var orchestrator = services.GetRequiredService<PanelOrchestrator>();

        for (var i = 0; i < operators; i++)
        {
            var slug = OperatorFactory.Slug(i);
            var account = new OperatorAccount
            {
                Slug = slug, DisplayName = $"Community {slug}", OwnerUserId = "fedi-bench",
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Operators.Add(account);
            await db.SaveChangesAsync(cancellationToken);

            var configuration = OperatorFactory.Create(slug);
            var version = await configurations.SaveAsync(
                account.Id, ConfigurationJson.Serialize(configuration), "fedi-bench", cancellationToken);
            var configured = preparer.Configure(account, configuration);
            var plan = await orchestrator.Runner.PlanAsync(configured.Graph!, cancellationToken);
            var shown = ShownStep.Serialize([.. plan.Steps.Where(s => s.Action != StepAction.NoOp)
                .Select(s => new ShownStep(s.Address.Value, s.Action, s.LosesData))]);
            prepared.Add((account, version.Id, shown));
        }
    }

    /// <summary>Records and queues every prepared deployment, as the deploy page does.</summary>
    public async Task QueueAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<DeploymentQueue>();
        foreach (var (account, version, shown) in prepared)
        {
            var record = new DeploymentRecord
            {
                OperatorId = account.Id,
                ConfigurationVersionId = version,
                Status = DeploymentStatus.Queued,
                ShownPlanJson = shown,
                RequestedBy = "fedi-bench",
                QueuedAt = DateTimeOffset.UtcNow,
            };
            db.Deployments.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await queue.EnqueueAsync(account, record, cancellationToken);
        }
    }

    /// <summary>Every deployment as the panel's records have it now.</summary>
    public async Task<IReadOnlyList<DeploymentRecord>> RecordsAsync(CancellationToken cancellationToken)
    {
        await using var scope = panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDbContext>();
        return await db.Deployments.AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>How many panels of the cluster have checked in with the job store.</summary>
    public async Task<int> SchedulersAsync(CancellationToken cancellationToken)
    {
        await using var scope = panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDbContext>();
        var tables = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_class WHERE relname = 'qrtz_scheduler_state'")
            .SingleAsync(cancellationToken);

        // The first worker to start makes the job store's tables.
        return tables == 0
            ? 0
            : await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state")
                .SingleAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => panel.DisposeAsync();
}
