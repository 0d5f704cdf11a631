using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Pages.Staff;

/// <summary>Staff: every operator with the state of their deployments.</summary>
internal sealed class IndexModel(PanelDbContext db, PanelOrchestrator orchestrator) : PageModel
{
    public IReadOnlyList<OperatorRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var operators = await db.Operators.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(cancellationToken);
        var owners = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Email ?? "", cancellationToken);
        var latest = (await db.Deployments.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(d => d.OperatorId)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Id));

        Rows = [.. operators.Select(o =>
        {
            var limits = orchestrator.EnvironmentFor(o).Limits;
            return new OperatorRow(o, owners.GetValueOrDefault(o.OwnerUserId, ""), latest.GetValueOrDefault(o.Id),
                $"{limits.Vms} machines, {limits.Vcpus} vCPUs, {limits.MemoryMiB} MiB, {limits.DiskGiB} GiB");
        })];
    }

    /// <summary>One line of the operators' table.</summary>
    public sealed record OperatorRow(OperatorAccount Operator, string Owner, DeploymentRecord? Latest, string Limits);
}
