using Fediversity.Orchestrator.Planning;
using Fediversity.Panel.Configuration;
using Fediversity.Panel.Data;
using Fediversity.Panel.Deployments;
using Fediversity.Panel.Hosting;
using Fediversity.Panel.Operators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Pages;

/// <summary>Shows the plan for the latest configuration version, then queues its deployment.</summary>
internal sealed class DeployModel(
    OperatorAccess access, ConfigurationStore configurations, DeploymentPreparer preparer,
    PanelOrchestrator orchestrator, DeploymentQueue queue, PanelDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<PlannedStep>? Steps { get; private set; }

    public int Unchanged { get; private set; }

    /// <summary>The resources the last refresh found changed outside Fediversity; their steps repair them.</summary>
    public IReadOnlySet<string> Drifted { get; private set; } = new HashSet<string>();

    public int VersionNumber { get; private set; }

    public string Fingerprint { get; private set; } = "";

    public bool LosesData => Steps?.Any(s => s.LosesData) == true;

    public bool ConfirmMissing { get; private set; }

    public string? Problem { get; private set; }

    public DeploymentRecord? Running { get; private set; }

    public int Count(StepAction action) => Steps?.Count(s => s.Action == action) ?? 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await access.CurrentAsync(User, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        await PlanAsync(account, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        string? fingerprint, bool confirmDataLoss, CancellationToken cancellationToken)
    {
        if (await access.CurrentAsync(User, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        var version = await PlanAsync(account, cancellationToken);
        if (version is null || Steps is null || Steps.Count == 0)
        {
            return Page();
        }

        if (fingerprint != Fingerprint)
        {
            Problem = "The plan changed since this page was shown (another deployment ended meanwhile). " +
                "Check the new plan below and deploy again.";
            return Page();
        }

        if (LosesData && !confirmDataLoss)
        {
            ConfirmMissing = true;
            Problem = "Confirm that the data marked below may be deleted, or change your configuration.";
            return Page();
        }

        var record = new DeploymentRecord
        {
            OperatorId = account.Id,
            ConfigurationVersionId = version.Id,
            Status = DeploymentStatus.Queued,
            ShownPlanJson = ShownStep.Serialize(Shown()),
            DataLossConfirmed = confirmDataLoss,
            RequestedBy = User.Identity?.Name ?? "",
            QueuedAt = time.GetUtcNow(),
        };
        db.Deployments.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(account, record, cancellationToken);
        return Redirect($"/Deployments/{record.Id}");
    }

    private IReadOnlyList<ShownStep> Shown() =>
        [.. Steps!.Select(s => new ShownStep(s.Address.Value, s.Action, s.LosesData))];

    private async Task<ConfigurationVersion?> PlanAsync(OperatorAccount account, CancellationToken cancellationToken)
    {
        Running = await db.Deployments.AsNoTracking()
            .Where(d => d.OperatorId == account.Id &&
                (d.Status == DeploymentStatus.Queued || d.Status == DeploymentStatus.Running))
            .OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);

        if (AccountDeletions.State(await AccountDeletions.LastAsync(db, account.Id, cancellationToken)) is { } state)
        {
            Problem = $"This account is {state}; nothing can be deployed for it.";
            return null;
        }

        var version = await configurations.LatestAsync(account.Id, cancellationToken);
        if (version is null)
        {
            Problem = "Choose your services and save your configuration first.";
            return null;
        }

        var configured = preparer.Configure(account, configurations.Read(version));
        if (!configured.Succeeded)
        {
            Problem = "Your configuration cannot be deployed as it is: " +
                string.Join(" ", configured.Problems.Select(p => p.Message + ".")) + " Change it first.";
            return null;
        }

        Plan plan;
        try
        {
            plan = await orchestrator.Runner.PlanAsync(configured.Graph!, cancellationToken);
        }
        catch (PlanException e)
        {
            Problem = "The plan cannot be made, so nothing can be deployed yet: " + string.Join(" ", e.Problems) +
                " Change your configuration first.";
            return null;
        }

        Drifted = (await orchestrator.Store.DriftAsync(account.Slug, cancellationToken))
            .Select(d => d.Address).ToHashSet(StringComparer.Ordinal);
        VersionNumber = version.Number;
        Steps = [.. plan.Steps.Where(s => s.Action != StepAction.NoOp)];
        Unchanged = plan.Count(StepAction.NoOp);
        Fingerprint = ShownStep.Fingerprint(Shown());
        return version;
    }
}
