using System.Net;
using System.Text.Json;
using Fediversity.Panel.Data;
using Fediversity.Tests.Cli;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Panel;

/// <summary>What a deployment from the panel does: the same as the command line, and no data lost unasked.</summary>
public sealed class PanelDeploymentTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Deploy_FromThePanel_LeavesNothingForTheCommandLineToDo(StoreKind database)
    {
        await using var host = await PanelHost.StartAsync(database: database);
        using var client = new PanelClient(host.BaseAddress);
        await client.SignUpAsync("Acme Community", "acme@example.org");
        using (await client.SaveConfigurationAsync("acme.example"))
        {
        }

        var ended = await PanelWaits.EndedAsync(host, await client.DeployAsync());
        Assert.Equal(DeploymentStatus.Succeeded, ended.Status);

        using var fedi = new Fedi();
        var file = Path.Combine(fedi.Root, "acme.json");
        await File.WriteAllTextAsync(file, SameConfiguration, TestContext.Current.CancellationToken);
        var plan = await fedi.RunAsync("plan", file, "--environment", host.EnvironmentFile, "--state",
            host.StateDirectory, "--json");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        var counts = JsonDocument.Parse(plan.Stdout.Split('\n')[0]).RootElement;
        Assert.True(counts.TryGetProperty("unchanged", out _), plan.Stdout);
        Assert.Equal(19, counts.GetProperty("unchanged").GetInt32());
        foreach (var action in new[] { "create", "update", "replace", "delete" })
        {
            Assert.Equal(0, counts.GetProperty(action).GetInt32());
        }
    }

    [Fact]
    public async Task Deploy_ThatDeletesData_NeedsTheConfirmationTicked()
    {
        await using var host = await PanelHost.StartAsync();
        using var client = new PanelClient(host.BaseAddress);
        await client.SignUpAsync("Delta Club", "delta@example.org");
        using (await client.SaveConfigurationAsync("delta.example"))
        {
        }

        Assert.Equal(DeploymentStatus.Succeeded, (await PanelWaits.EndedAsync(host, await client.DeployAsync())).Status);
        using (var saved = await client.SaveConfigurationAsync("delta.example",
            ("Form.Pixelfed.Enabled", "false"), ("Form.Pixelfed.WasPresent", "true"),
            ("Form.Pixelfed.DataWhenDisabled", "delete")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var plan = await client.GetTextAsync("/Deploy");
        Assert.Contains("Deletes data for good", plan, StringComparison.Ordinal);
        using var unconfirmed = await client.PostAsync("/Deploy",
            [new("Fingerprint", Fingerprint(plan)), new("__RequestVerificationToken", PanelClient.Token(plan))]);
        var refused = await unconfirmed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("id=\"confirm-missing\"", refused, StringComparison.Ordinal);
        var history = await client.GetTextAsync("/Deployments");
        Assert.DoesNotContain("Queued", history, StringComparison.Ordinal);

        using var confirmed = await client.PostAsync("/Deploy",
        [
            new("Fingerprint", Fingerprint(plan)), new("ConfirmDataLoss", "true"),
            new("__RequestVerificationToken", PanelClient.Token(plan)),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var id = long.Parse(confirmed.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DeploymentStatus.Succeeded, (await PanelWaits.EndedAsync(host, id)).Status);
    }

    [Fact]
    public async Task Deploy_TwiceAtOnce_RunsOneAfterTheOther()
    {
        // Both are queued by a panel that runs no deployments, so that both are asked for with the same plan;
        // a panel with workers on the same data then runs them.
        using var data = new TempDirectory();
        long first, second;
        await using (var pages = await PanelHost.StartAsync(reuse: data, settings: ["--Panel:RunWorkers=false"]))
        {
            using var client = new PanelClient(pages.BaseAddress);
            await client.SignUpAsync("Foxtrot Choir", "fox@example.org");
            using (await client.SaveConfigurationAsync("foxtrot.example"))
            {
            }

            first = await client.DeployAsync();
            second = await client.DeployAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var host = await PanelHost.StartAsync(cloneMs: 800, startMs: 200, switchMs: 200, reuse: data);
        var firstEnded = await PanelWaits.EndedAsync(host, first);
        var secondEnded = await PanelWaits.EndedAsync(host, second);

        Assert.Equal(DeploymentStatus.Succeeded, firstEnded.Status);
        Assert.Equal(DeploymentStatus.Succeeded, secondEnded.Status);
        Assert.True(secondEnded.StartedAt >= firstEnded.EndedAt,
            $"The second deployment started at {secondEnded.StartedAt:O}, before the first ended at {firstEnded.EndedAt:O}.");
        Assert.Equal(19, firstEnded.Created);
        Assert.Equal(0, secondEnded.Created);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        await using var host = await PanelHost.StartAsync();
        using (var owner = new PanelClient(host.BaseAddress))
        {
            await owner.SignUpAsync("Echo Group", "echo@example.org", "the right password");
        }

        using var stranger = new PanelClient(host.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await stranger.PostFormAsync("/Account/SignIn", "/Account/SignIn",
                [new("Email", "echo@example.org"), new("Password", "a wrong password")]);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await stranger.PostFormAsync("/Account/SignIn", "/Account/SignIn",
            [new("Email", "echo@example.org"), new("Password", "the right password")]);
        var page = await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", page, StringComparison.Ordinal);
    }

    private static string Fingerprint(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"Fingerprint\" value=\"([^\"]*)\"").Groups[1].Value;

    private const string SameConfiguration = """
        {
          "version": 1,
          "operator": { "slug": "acme-community", "displayName": "Acme Community" },
          "domain": "acme.example",
          "applications": {
            "mastodon": {
              "enabled": true, "subdomain": "social", "registrations": "closed", "size": "small",
              "admin": { "username": "site_admin", "email": "admin@example.org" }, "media": { "type": "managed" }
            },
            "pixelfed": {
              "enabled": true, "subdomain": "photos", "registrations": "closed", "size": "small",
              "admin": { "username": "site_admin", "email": "admin@example.org" }, "media": { "type": "managed" }
            }
          }
        }
        """;
}
