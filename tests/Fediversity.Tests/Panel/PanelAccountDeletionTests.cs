using System.Net;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.State;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Fediversity.Panel.Operators;
using Fediversity.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fediversity.Tests.Panel;

/// <summary>
/// Deleting an operator's account from the panel: only with its short name typed, only by that operator or
/// staff, removing every resource as <c>fedi destroy</c> does and the panel's logs of the operator.
/// </summary>
public sealed class PanelAccountDeletionTests
{
    [Fact]
    public async Task DeleteAccount_WithTheShortNameTyped_RemovesEverythingKeepsTheAuditAndErasesTheLogs()
    {
        await using var host = await PanelHost.StartAsync();
        using var client = new PanelClient(host.BaseAddress);
        await client.SignUpAsync("India Union", "india@example.org");
        using (await client.SaveConfigurationAsync("india.example"))
        {
        }

        var deployment = await client.DeployAsync();
        Assert.Equal(DeploymentStatus.Succeeded, (await PanelWaits.EndedAsync(host, deployment)).Status);
        Assert.NotEqual(0, await EventCountAsync(host, deployment));

        using (var wrong = await client.PostFormAsync("/Operators/india-union/Delete", "/Operators/india-union/Delete",
            [new("Confirmation", "india")]))
        {
            var page = await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Confirmation: type the short name india-union", page, StringComparison.Ordinal);
        }

        var world = World(host);
        Assert.NotNull(world.Hypervisor.FindByName("india-union-mastodon"));

        var deletion = await DeleteAsync(client, "india-union");
        Assert.Equal(DeploymentStatus.Succeeded, (await PanelWaits.EndedAsync(host, deletion)).Status);

        Assert.Null(world.Hypervisor.FindByName("india-union-mastodon"));
        Assert.Null(world.ObjectStore.FindBucket("india-union-pixelfed-media"));
        var store = host.App.Services.GetRequiredService<PanelOrchestrator>().Store;
        Assert.DoesNotContain(await store.ListDeploymentsAsync(CancellationToken.None), d => d.Id == "india-union");
        var audit = await new OperatorRecords(store).AuditAsync(CancellationToken.None);
        Assert.Contains(audit, a => a.Deployment == "india-union" && a.Actor.Contains("india@example.org",
            StringComparison.Ordinal));
        Assert.Equal(0, await EventCountAsync(host, deployment));
        Assert.Contains("This account is <strong>deleted</strong>", await client.GetTextAsync("/"),
            StringComparison.Ordinal);
        Assert.Contains("This account is deleted; nothing can be deployed", await client.GetTextAsync("/Deploy"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAccount_OfAnotherOperator_IsNotFoundButStaffMayDeleteIt()
    {
        await using var host = await PanelHost.StartAsync();
        using var owner = new PanelClient(host.BaseAddress);
        using var other = new PanelClient(host.BaseAddress);
        await owner.SignUpAsync("Juliet Forum", "juliet@example.org");
        await other.SignUpAsync("Kilo Press", "kilo@example.org");
        using (await owner.SaveConfigurationAsync("juliet.example"))
        {
        }

        Assert.Equal(DeploymentStatus.Succeeded, (await PanelWaits.EndedAsync(host, await owner.DeployAsync())).Status);

        using (var seen = await other.GetAsync("/Operators/juliet-forum/Delete"))
        {
            Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        }

        using (var posted = await other.PostFormAsync("/Operators/kilo-press/Delete", "/Operators/juliet-forum/Delete",
            [new("Confirmation", "juliet-forum")]))
        {
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        await using (var db = await host.App.Services.GetRequiredService<IDbContextFactory<PanelDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.False(await db.OperatorDeletions.AnyAsync(TestContext.Current.CancellationToken));
        }

        Assert.Empty(await StaffAccounts.CreateAsync(host.App.Services, "staff@provider.example", "staff password long",
            CancellationToken.None));
        using var staff = new PanelClient(host.BaseAddress);
        using (var signedIn = await staff.PostFormAsync("/Account/SignIn", "/Account/SignIn",
            [new("Email", "staff@provider.example"), new("Password", "staff password long")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using (var asked = await staff.PostFormAsync("/Operators/juliet-forum/Delete", "/Operators/juliet-forum/Delete",
            [new("Confirmation", "juliet-forum")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await staff.GetTextAsync("/Operators/juliet-forum/Delete"))
            .Contains(">deleted<", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The deletion asked for by staff did not finish.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var world = World(host);
        Assert.Null(world.Hypervisor.FindByName("juliet-forum-mastodon"));
    }

    [Fact]
    public async Task DeleteAccount_ThatFails_ShowsDeletingAndFinishesWhenAskedAgain()
    {
        await using var host = await PanelHost.StartAsync();
        using var client = new PanelClient(host.BaseAddress);
        await client.SignUpAsync("Lima Circle", "lima@example.org");
        using (await client.SaveConfigurationAsync("lima.example"))
        {
        }

        var deployed = await PanelWaits.EndedAsync(host, await client.DeployAsync());
        Assert.Equal(DeploymentStatus.Succeeded, deployed.Status);
        var store = host.App.Services.GetRequiredService<PanelOrchestrator>().Store;
        var lease = await DeploymentLease.AcquireAsync(store, "lima-circle",
            LeaseHolder.Current() with { Name = "a command line run" }, TimeSpan.FromSeconds(30),
            CancellationToken.None);
        long failed;
        await using (lease)
        {
            failed = await DeleteAsync(client, "lima-circle");
            Assert.Equal(DeploymentStatus.Failed, (await PanelWaits.EndedAsync(host, failed)).Status);
        }

        Assert.Contains("This account is <strong>deleting</strong>", await client.GetTextAsync("/"),
            StringComparison.Ordinal);
        Assert.Contains("Finish deleting", await client.GetTextAsync("/Operators/lima-circle/Delete"),
            StringComparison.Ordinal);

        var retried = await DeleteAsync(client, "lima-circle");
        Assert.NotEqual(failed, retried);
        Assert.Equal(DeploymentStatus.Succeeded, (await PanelWaits.EndedAsync(host, retried)).Status);
        Assert.DoesNotContain(await store.ListDeploymentsAsync(CancellationToken.None), d => d.Id == "lima-circle");
        Assert.Contains("This account is <strong>deleted</strong>", await client.GetTextAsync("/"),
            StringComparison.Ordinal);
    }

    private static async Task<long> DeleteAsync(PanelClient client, string slug)
    {
        using var response = await client.PostFormAsync($"/Operators/{slug}/Delete", $"/Operators/{slug}/Delete",
            [new("Confirmation", slug)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1],
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> EventCountAsync(PanelHost host, long deployment)
    {
        var factory = host.App.Services.GetRequiredService<IDbContextFactory<PanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.DeploymentEvents.CountAsync(e => e.DeploymentId == deployment);
    }

    private static SandboxWorld World(PanelHost host) =>
        new(Path.Combine(host.StateDirectory, "sandbox"), SandboxLatency.None, TimeProvider.System);
}
