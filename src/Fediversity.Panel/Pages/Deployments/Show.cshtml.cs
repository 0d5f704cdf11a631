using Fediversity.Configurator;
using Fediversity.Panel.Configuration;
using Fediversity.Panel.Deployments;
using Fediversity.Panel.Operators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fediversity.Panel.Pages.Deployments;

/// <summary>A deployment: live progress while it runs, then its services and the way to their credentials.</summary>
internal sealed class ShowModel(
    OperatorAccess access, DeploymentProgressReader reader, ConfigurationStore configurations) : PageModel
{
    public DeploymentProgress Progress { get; private set; } = null!;

    public int VersionNumber { get; private set; }

    public IReadOnlyList<(string Name, Uri Url)> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await access.DeploymentAsync(User, id, cancellationToken) is not { } owned)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        Progress = await reader.ReadAsync(owned.Deployment, cancellationToken);
        var version = await configurations.FindAsync(owned.Operator.Id, owned.Deployment.ConfigurationVersionId,
            cancellationToken);
        if (version is not null)
        {
            VersionNumber = version.Number;
            Services = [.. ClusterConfigurator.Services(configurations.Read(version))
                .Select(s => (StepTitles.ApplicationLabel(s.Application), s.Url))];
        }

        return Page();
    }
}
