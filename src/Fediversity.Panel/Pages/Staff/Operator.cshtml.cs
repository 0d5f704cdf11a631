using System.ComponentModel.DataAnnotations;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Pages.Staff;

/// <summary>Staff: one operator's resource limits and the applications offered to it.</summary>
internal sealed class OperatorModel(PanelDbContext db, PanelOrchestrator orchestrator) : PageModel
{
    public OperatorAccount Operator { get; private set; } = null!;

    [BindProperty]
    [Range(1, 1000, ErrorMessage = "Give a number of machines from 1 to 1000, or leave it empty.")]
    public int? LimitVms { get; set; }

    [BindProperty]
    [Range(1, 100000, ErrorMessage = "Give a number of cores from 1 to 100000, or leave it empty.")]
    public int? LimitVcpus { get; set; }

    [BindProperty]
    [Range(1, int.MaxValue, ErrorMessage = "Give the memory in MiB (at least 1), or leave it empty.")]
    public int? LimitMemoryMiB { get; set; }

    [BindProperty]
    [Range(1, int.MaxValue, ErrorMessage = "Give the disk in GiB (at least 1), or leave it empty.")]
    public int? LimitDiskGiB { get; set; }

    [BindProperty]
    public List<string> Offered { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public string Defaults
    {
        get
        {
            var l = orchestrator.Environment.Limits;
            return $"{l.Vms} machines, {l.Vcpus} vCPUs, {l.MemoryMiB} MiB, {l.DiskGiB} GiB";
        }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        Operator = account;
        (LimitVms, LimitVcpus, LimitMemoryMiB, LimitDiskGiB) =
            (account.LimitVms, account.LimitVcpus, account.LimitMemoryMiB, account.LimitDiskGiB);
        Offered = [.. orchestrator.Offered(account).Select(a => a.ToString())];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        Operator = account;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        (account.LimitVms, account.LimitVcpus, account.LimitMemoryMiB, account.LimitDiskGiB) =
            (LimitVms, LimitVcpus, LimitMemoryMiB, LimitDiskGiB);
        var known = Enum.GetNames<Fediversity.Configuration.Operator.ApplicationName>();
        var chosen = Offered.Where(o => known.Contains(o, StringComparer.Ordinal)).ToList();
        account.OfferedApplications = chosen.Count == known.Length ? null : string.Join(',', chosen);
        if (chosen.Count == 0)
        {
            account.OfferedApplications = "none";
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id, saved = true });
    }
}
