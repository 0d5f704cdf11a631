using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fediversity.Tests.Panel;

/// <summary>Reads a deployment's record straight from the panel's store.</summary>
internal static class PanelWaits
{
    public static async Task<DeploymentRecord> DeploymentAsync(PanelHost host, long id)
    {
        var factory = host.App.Services.GetRequiredService<IDbContextFactory<PanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Deployments.AsNoTracking().FirstAsync(d => d.Id == id);
    }

    public static async Task<DeploymentRecord> EndedAsync(PanelHost host, long id, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var record = await DeploymentAsync(host, id);
            if (record.Status is DeploymentStatus.Succeeded or DeploymentStatus.Failed)
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Deployment {id} is still {record.Status}.");
            await Task.Delay(100);
        }
    }
}
