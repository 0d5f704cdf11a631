using Fediversity.Panel.Data;
using Fediversity.Panel.Deployments;
using Fediversity.Panel.Hosting;
using Fediversity.Panel.Operators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Pages.Operators;

/// <summary>
/// Deletes an operator's account after its short name is typed: every resource, retained data included, as
/// <c>fedi destroy</c> does. The operator may delete their own account, staff any; others see nothing here.
/// </summary>
internal sealed class DeleteModel(
    OperatorAccess access, PanelDbContext db, DeploymentQueue queue, TimeProvider time) : PageModel
{
    public OperatorAccount? Target { get; private set; }

    public DeploymentRecord? Last { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await FindAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, string? confirmation, CancellationToken cancellationToken)
    {
        if (!await FindAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (!string.Equals(confirmation?.Trim(), Target!.Slug, StringComparison.Ordinal))
        {
            Problem = $"Confirmation: type the short name {Target.Slug} exactly to delete this account; " +
                "nothing was deleted.";
            return Page();
        }

        if (Last is { Status: DeploymentStatus.Queued or DeploymentStatus.Running })
        {
            return Redirect($"/Deployments/{Last.Id}");
        }

        var record = new DeploymentRecord
        {
            OperatorId = Target.Id,
            ConfigurationVersionId = 0,
            Status = DeploymentStatus.Queued,
            ShownPlanJson = "[]",
            DataLossConfirmed = true,
            RequestedBy = User.Identity?.Name ?? "",
            QueuedAt = time.GetUtcNow(),
        };
        db.Deployments.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.OperatorDeletions.Add(new OperatorDeletion
        {
            OperatorId = Target.Id, DeploymentId = record.Id, RequestedBy = record.RequestedBy,
            RequestedAt = record.QueuedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(Target, record, cancellationToken);
        // Staff cannot open another operator's deployment pages; the delete page shows them how it goes.
        var own = (await access.CurrentAsync(User, cancellationToken))?.Id == Target.Id;
        return Redirect(own ? $"/Deployments/{record.Id}" : $"/Operators/{Target.Slug}/Delete");
    }

    private async Task<bool> FindAsync(string slug, CancellationToken cancellationToken)
    {
        if (User.IsInRole(PanelApp.StaffRole))
        {
            Target = await db.Operators.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        }
        else if (await access.CurrentAsync(User, cancellationToken) is { } own && own.Slug == slug)
        {
            Target = own;
        }

        if (Target is not null)
        {
            Last = await AccountDeletions.LastAsync(db, Target.Id, cancellationToken);
        }

        return Target is not null;
    }
}
