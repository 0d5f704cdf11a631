using System.Security.Claims;
using Fediversity.Panel.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Operators;

/// <summary>
/// Finds what the signed-in person may see: their own operator, and deployments of that operator only.
/// Everything else is reported as not found, so that nobody learns what other operators have.
/// </summary>
internal sealed class OperatorAccess(PanelDbContext db, UserManager<PanelUser> users)
{
    public async Task<OperatorAccount?> CurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(principal);
        return userId is null
            ? null
            : await db.Operators.FirstOrDefaultAsync(o => o.OwnerUserId == userId, cancellationToken);
    }

    public async Task<OwnedDeployment?> DeploymentAsync(
        ClaimsPrincipal principal, long id, CancellationToken cancellationToken)
    {
        var account = await CurrentAsync(principal, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var record = await db.Deployments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == id && d.OperatorId == account.Id, cancellationToken);
        return record is null ? null : new OwnedDeployment(account, record);
    }
}
