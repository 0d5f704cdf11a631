using Fediversity.Resources;
using Fediversity.Resources.Providers;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// Keeps the accounting periods in step with the recorded resources, inside the same transaction as
/// the resource's own record, so that a billed period never disagrees with what existed.
/// </summary>
internal static class AccountingLedger
{
    /// <summary>Notes that <paramref name="address"/> now is <paramref name="record"/>, or is gone when null.</summary>
    public static async Task NoteAsync(
        StateDbContext db, string deployment, ResourceAddress address, ResourceRecord? record, long now,
        CancellationToken cancellationToken)
    {
        var usage = record is null ? null : AccountingUsage.Of(record);
        var open = await db.Accounting
            .Where(a => a.Deployment == deployment && a.Address == address.Value && a.EndedAtMs == null)
            .ToListAsync(cancellationToken);

        if (usage is not null && open.Count == 1 && open[0].UsageJson == usage && open[0].Kind == record!.Kind)
        {
            return;
        }

        foreach (var period in open)
        {
            period.EndedAtMs = now;
        }

        if (usage is not null)
        {
            db.Accounting.Add(new AccountingPeriodRow
            {
                Deployment = deployment, Address = address.Value, Kind = record!.Kind, UsageJson = usage,
                StartedAtMs = now,
            });
        }
    }
}
