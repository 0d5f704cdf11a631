using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Validation;
using Fediversity.Panel.Configuration;
using Fediversity.Panel.Data;
using Fediversity.Panel.Deployments;
using Fediversity.Panel.Hosting;
using Fediversity.Panel.Operators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fediversity.Panel.Pages.Configuration;

/// <summary>
/// The operator's choices. Saving checks them with the command line's own rules (the schema, the rules
/// behind it, and whether the hosting environment can deploy them) and makes a new version.
/// </summary>
internal sealed class IndexModel(
    OperatorAccess access, ConfigurationStore configurations, DeploymentPreparer preparer,
    PanelOrchestrator orchestrator) : PageModel
{
    [BindProperty]
    public ConfigurationForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? Saved { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Welcome { get; set; }

    public List<string> PageProblems { get; } = [];

    private IReadOnlyList<ApplicationName> offered = [];

    public ApplicationSection Section(ApplicationName name, string label, string description) =>
        new(name, label, description, Form[name], offered.Contains(name), ModelState);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await access.CurrentAsync(User, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        offered = orchestrator.Offered(account);
        var saved = await SavedAsync(account, cancellationToken);
        Form = ConfigurationForm.From(saved, account, User.Identity?.Name ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await access.CurrentAsync(User, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        offered = orchestrator.Offered(account);
        ModelState.Clear();
        var saved = await SavedAsync(account, cancellationToken);
        var json = Form.ToJson(account, saved);

        var loaded = ConfigurationLoader.LoadOperator(json);
        if (!loaded.IsValid)
        {
            Report(loaded.Problems.Select(p => (p.Path, p.Message)));
            return Page();
        }

        var configured = preparer.Configure(account, loaded.Value);
        if (!configured.Succeeded)
        {
            Report(configured.Problems.Select(p => (p.Path, p.Message)));
            return Page();
        }

        var version = await configurations.SaveAsync(account.Id, json, User.Identity?.Name ?? "", cancellationToken);
        return RedirectToPage(new { saved = version.Number });
    }

    private async Task<OperatorConfiguration?> SavedAsync(OperatorAccount account, CancellationToken cancellationToken)
    {
        var latest = await configurations.LatestAsync(account.Id, cancellationToken);
        return latest is null ? null : configurations.Read(latest);
    }

    private void Report(IEnumerable<(string Path, string Message)> problems)
    {
        foreach (var (path, message) in problems)
        {
            var field = ConfigurationForm.FieldFor(path);
            var text = char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
            if (field.Length == 0)
            {
                PageProblems.Add(text);
            }

            ModelState.AddModelError(field, text);
        }
    }
}
