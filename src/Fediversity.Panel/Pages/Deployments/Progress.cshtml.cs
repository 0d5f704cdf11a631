using Fediversity.Panel.Deployments;
using Fediversity.Panel.Operators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fediversity.Panel.Pages.Deployments;

/// <summary>The progress part of a deployment's page alone, fetched again by the page as events arrive.</summary>
internal sealed class ProgressModel(OperatorAccess access, DeploymentProgressReader reader) : PageModel
{
    public DeploymentProgress Progress { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await access.DeploymentAsync(User, id, cancellationToken) is not { } owned)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        Progress = await reader.ReadAsync(owned.Deployment, cancellationToken);
        return Page();
    }
}
