using System.Net;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fediversity.Tests.Panel;

/// <summary>
/// Nobody reads or changes another operator's things, every form wants its token, secrets stay hidden: on each
/// database the panel keeps its data in (one subclass per database).
/// </summary>
public abstract class PanelAuthorizationTests(StoreKind database) : IAsyncLifetime
{
    private PanelHost host = null!;
    private PanelClient alice = null!;
    private PanelClient bob = null!;
    private long bobsDeployment;

    public async ValueTask InitializeAsync()
    {
        host = await PanelHost.StartAsync(database: database);
        alice = new PanelClient(host.BaseAddress);
        bob = new PanelClient(host.BaseAddress);
        await alice.SignUpAsync("Alice Collective", "alice@example.org");
        await bob.SignUpAsync("Bob Newsroom", "bob@example.org");

        using var saved = await bob.SaveConfigurationAsync("bob.example");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        bobsDeployment = await bob.DeployAsync();
        var ended = await PanelWaits.EndedAsync(host, bobsDeployment);
        Assert.Equal(DeploymentStatus.Succeeded, ended.Status);
    }

    [Theory]
    [InlineData("/Deployments/{0}")]
    [InlineData("/Deployments/{0}/Progress")]
    [InlineData("/Deployments/{0}/Events")]
    [InlineData("/Deployments/{0}/Credentials")]
    public async Task Get_AnotherOperatorsDeployment_IsNotFound(string path)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, bobsDeployment);

        using var forAlice = await alice.GetAsync(url);
        using var forBob = await bob.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, forAlice.StatusCode);
        Assert.True(forBob.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{url}: {forBob.StatusCode}");
    }

    [Fact]
    public async Task RevealCredentials_OfAnotherOperator_IsNotFoundEvenWithAValidToken()
    {
        using var response = await alice.PostFormAsync(
            "/Configuration", $"/Deployments/{bobsDeployment}/Credentials", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(await BobsPasswordAsync(), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevealCredentials_WithoutAntiForgeryToken_IsRefused()
    {
        using var response = await bob.PostAsync($"/Deployments/{bobsDeployment}/Credentials", []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Secrets_AreShownOnlyOnReveal()
    {
        var password = await BobsPasswordAsync();

        var page = await bob.GetTextAsync($"/Deployments/{bobsDeployment}");
        var history = await bob.GetTextAsync("/Deployments");
        using var revealed = await bob.PostFormAsync(
            $"/Deployments/{bobsDeployment}", $"/Deployments/{bobsDeployment}/Credentials", []);
        var reveal = await revealed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(password, page, StringComparison.Ordinal);
        Assert.DoesNotContain(password, history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains(password, reveal, StringComparison.Ordinal);
        Assert.Contains("no-store", revealed.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Staff")]
    [InlineData("/Staff/Operators/1")]
    public async Task StaffPages_ForAnOperator_AreForbidden(string path)
    {
        using var response = await alice.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Configuration_IsEachOperatorsOwn()
    {
        var alicesPage = await alice.GetTextAsync("/Configuration");
        var alicesPlan = await alice.GetTextAsync("/Deploy");

        Assert.DoesNotContain("bob.example", alicesPage, StringComparison.Ordinal);
        Assert.DoesNotContain("bob-newsroom", alicesPlan, StringComparison.Ordinal);
        Assert.Contains("save your configuration first", alicesPlan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_ResumeAfterTheLastEventIdAndEnd()
    {
        var ids = await EventIdsAsync(bobsDeployment);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/Deployments/{bobsDeployment}/Events");
        request.Headers.Add("Last-Event-ID", ids[^3].ToString(System.Globalization.CultureInfo.InvariantCulture));

        var stream = await bob.SendTextAsync(request);

        var sent = stream.Split('\n')
            .Where(l => l.StartsWith("id: ", StringComparison.Ordinal))
            .Select(l => long.Parse(l[4..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(ids[^2..], sent);
        Assert.Contains("event: end\ndata: succeeded", stream, StringComparison.Ordinal);
    }

    private async Task<List<long>> EventIdsAsync(long deployment)
    {
        var factory = host.App.Services.GetRequiredService<IDbContextFactory<PanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.DeploymentEvents
            .Where(e => e.DeploymentId == deployment)
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .ToListAsync();
    }

    private async Task<string> BobsPasswordAsync()
    {
        var orchestrator = host.App.Services.GetRequiredService<PanelOrchestrator>();
        var state = await orchestrator.Store.LoadAsync("bob-newsroom", CancellationToken.None);
        var account = state.Resources.Values.First(r => r.Kind == AdminAccountKind.Kind);
        return ((SecretValue)account.Inputs[AdminAccountKind.Password]).Secret.Reveal();
    }

    public async ValueTask DisposeAsync()
    {
        alice.Dispose();
        bob.Dispose();
        await host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
