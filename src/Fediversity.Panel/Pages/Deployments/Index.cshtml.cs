using Fediversity.Panel.Data;
using Fediversity.Panel.Operators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Pages.Deployments;

/// <summary>The operator's deployments, newest first, with their outcome.</summary>
internal sealed class IndexModel(OperatorAccess access, PanelDbContext db) : PageModel
{
    public IReadOnlyList<DeploymentRecord> Deployments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await access.CurrentAsync(User, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        Deployments = await db.Deployments.AsNoTracking().Where(d => d.OperatorId == account.Id)
            .OrderByDescending(d => d.Id).ToListAsync(cancellationToken);
        return Page();
    }
}
