using Fediversity.Panel.Hosting;
using Fediversity.Panel.Operators;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fediversity.Panel.Pages.Deployments;

/// <summary>
/// The one page that shows secrets: the admin accounts' passwords, only in answer to a deliberate POST
/// (with its anti-forgery token), never cached, and only to the operator that owns them.
/// </summary>
internal sealed class CredentialsModel(OperatorAccess access, PanelOrchestrator orchestrator) : PageModel
{
    public long DeploymentId { get; private set; }

    public IReadOnlyList<AdminCredential> Accounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await access.DeploymentAsync(User, id, cancellationToken) is null
            ? NotFound()
            : Redirect($"/Deployments/{id}");

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await access.DeploymentAsync(User, id, cancellationToken) is not { } owned)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        DeploymentId = id;
        var state = await orchestrator.Store.LoadAsync(owned.Operator.Slug, cancellationToken);
        Accounts = [.. state.Resources.Values
            .Where(r => r.Kind == AdminAccountKind.Kind)
            .Select(r => new AdminCredential(
                Label(r.Input(AdminAccountKind.Application) ?? ""),
                r.Input(AdminAccountKind.Url) ?? "",
                r.Input(AdminAccountKind.Username) ?? "",
                r.Input(AdminAccountKind.Email) ?? "",
                r.Inputs.GetValueOrDefault(AdminAccountKind.Password) is SecretValue s ? s.Secret.Reveal() : "(unknown)"))
            .OrderBy(a => a.Application, StringComparer.Ordinal)];
        return Page();
    }

    private static string Label(string application) => application switch
    {
        "mastodon" => "Mastodon",
        "pixelfed" => "Pixelfed",
        "peertube" => "PeerTube",
        _ => application,
    };

    /// <summary>One admin account's sign-in details.</summary>
    public sealed record AdminCredential(string Application, string Url, string Username, string Email, string Password);
}
