using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Operators;

/// <summary>Where an operator's account deletion stands, as the overview and the delete page show it.</summary>
internal static class AccountDeletions
{
    /// <summary>The record of the latest deletion asked for, or null when none was.</summary>
    public static async Task<DeploymentRecord?> LastAsync(
        PanelDbContext db, long operatorId, CancellationToken cancellationToken)
    {
        var ids = db.OperatorDeletions.Where(x => x.OperatorId == operatorId).Select(x => x.DeploymentId);
        return await db.Deployments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>"deleted", "deleting", or null while no deletion was asked for.</summary>
    public static string? State(DeploymentRecord? last) => last switch
    {
        null => null,
        { Status: DeploymentStatus.Succeeded } => "deleted",
        _ => "deleting",
    };
}
