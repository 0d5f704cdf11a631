using Fediversity.Panel.Configuration;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Fediversity.Panel.Operators;
using Fediversity.Panel.Refresh;
using Fediversity.Orchestrator.Refresh;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Pages;

/// <summary>
/// The overview: the operator's configuration and latest deployment, what the last refresh found changed outside
/// Fediversity, and the data kept for disabled applications.
/// </summary>
internal sealed class IndexModel(
    OperatorAccess access, ConfigurationStore configurations, PanelDbContext db, PanelOrchestrator orchestrator)
    : PageModel
{
    public OperatorAccount? Operator { get; private set; }

    public ConfigurationVersion? Version { get; private set; }

    public DeploymentRecord? Latest { get; private set; }

    public IReadOnlyList<Drift> Drifts { get; private set; } = [];

    public IReadOnlyList<RetainedBucket> Retained { get; private set; } = [];

    /// <summary>"deleting" or "deleted" once the account's deletion was asked for.</summary>
    public string? DeletionState { get; private set; }

    public string EnvironmentName => orchestrator.Environment.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        Operator = await access.CurrentAsync(User, cancellationToken);
        if (Operator is null)
        {
            return;
        }

        Version = await configurations.LatestAsync(Operator.Id, cancellationToken);
        Latest = await db.Deployments.AsNoTracking().Where(d => d.OperatorId == Operator.Id)
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        DeletionState = AccountDeletions.State(await AccountDeletions.LastAsync(db, Operator.Id, cancellationToken));
        Drifts = await orchestrator.Store.DriftAsync(Operator.Slug, cancellationToken);
        Retained = RetainedBucket.From(await orchestrator.Store.LoadAsync(Operator.Slug, cancellationToken));
    }
}
