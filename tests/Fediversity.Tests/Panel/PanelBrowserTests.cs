using System.Text.RegularExpressions;
using Fediversity.Panel.Data;
using Fediversity.Panel.Operators;
using Fediversity.Tests.TestSupport;
using Microsoft.Playwright;

namespace Fediversity.Tests.Panel;

/// <summary>The whole operator journey in a real browser, with screenshots of each page kept as test artifacts.</summary>
public sealed partial class PanelBrowserTests
{
    private const string Password = "a long enough password";

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task NewOperator_SignsUpConfiguresDeploysWatchesAndRevealsCredentials(StoreKind database)
    {
        // Slow enough that the page sees a step running and can be reloaded half-way even when the whole suite
        // shares the processors with it.
        await using var host = await PanelHost.StartAsync(cloneMs: 6000, startMs: 1000, switchMs: 1500,
            database: database);
        await using var browser = await Browser.LaunchAsync();
        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var shots = database == StoreKind.Sqlite
            ? Browser.Screenshots
            : Directory.CreateDirectory(Path.Combine(Browser.Screenshots, "postgresql")).FullName;

        await page.GotoAsync("/");
        await Shot(page, shots, "01-home");
        await page.GotoAsync("/Account/SignUp");
        await page.FillAsync("#Input_Organisation", "Riverside Community");
        await page.FillAsync("#Input_Email", "hello@riverside.example");
        await page.FillAsync("#Input_Password", Password);
        await Shot(page, shots, "02-sign-up");
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(new Regex("/Configuration"));

        await page.FillAsync("#domain", "not a domain");
        await page.CheckAsync("#mastodon-enabled");
        await page.FillAsync("#mastodon-adminusername", "bad name!");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#problems")).ToBeVisibleAsync();
        await Expect(page.Locator("#domain ~ .field-error")).ToContainTextAsync("domain");
        await Expect(page.Locator("#mastodon-adminusername ~ .field-error")).ToBeVisibleAsync();
        await Shot(page, shots, "03-configuration-errors", fullPage: true);

        await page.FillAsync("#domain", "riverside.example");
        await page.FillAsync("#mastodon-adminusername", "riverside_admin");
        await page.CheckAsync("#pixelfed-enabled");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#saved")).ToContainTextAsync("version 1");
        await Shot(page, shots, "04-configuration-saved", fullPage: true);

        await page.GotoAsync("/Deploy");
        await Expect(page.Locator("#plan")).ToContainTextAsync("Mastodon: create machine");
        await Expect(page.Locator("#plan")).ToContainTextAsync("Pixelfed: create admin account");
        await Shot(page, shots, "05-plan", fullPage: true);
        await page.ClickAsync("#deploy");
        await page.WaitForURLAsync(new Regex("/Deployments/\\d+$"));
        var id = long.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        await Expect(page.Locator("li.step.done").First).ToBeVisibleAsync();
        await Expect(page.Locator("li.step.running").First).ToBeVisibleAsync();
        var doneBefore = await page.Locator("li.step.done").CountAsync();
        Assert.True((await PanelWaits.DeploymentAsync(host, id)).Status == DeploymentStatus.Running,
            "The deployment ended before the page could be reloaded half-way; slow the sandbox down.");
        await Shot(page, shots, "06-progress", fullPage: true);

        await page.ReloadAsync();
        var doneAfter = await page.Locator("li.step.done").CountAsync();
        Assert.True(doneAfter >= doneBefore, $"{doneAfter} steps done after the reload, {doneBefore} before.");
        await Expect(page.Locator("#percent")).ToContainTextAsync("% done");
        await Shot(page, shots, "07-progress-after-reload", fullPage: true);

        await Expect(page.Locator("#done")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#services")).ToContainTextAsync("https://social.riverside.example/");
        await Expect(page.Locator("#services")).ToContainTextAsync("https://photos.riverside.example/");
        Assert.Equal(0, await page.Locator("li.step.failed").CountAsync());
        Assert.Equal(0, await page.Locator("li.step.waiting, li.step.running").CountAsync());
        await Shot(page, shots, "08-done", fullPage: true);

        await page.ClickAsync("#reveal");
        await page.WaitForURLAsync(new Regex("/Credentials$"));
        await Expect(page.Locator(".credential")).ToHaveCountAsync(2);
        var password = (await page.Locator("#password-mastodon").TextContentAsync())?.Trim() ?? "";
        Assert.True(password.Length >= 16, "The Mastodon admin password is missing or short.");
        Assert.DoesNotContain("unknown", password, StringComparison.Ordinal);
        await Shot(page, shots, "09-credentials", fullPage: true);

        await page.GotoAsync("/Deployments");
        await Expect(page.Locator("#history")).ToContainTextAsync("Succeeded");
        await Shot(page, shots, "10-history");
        await page.GotoAsync("/");
        await Shot(page, shots, "11-overview");

        await StaffLowersTheLimitAsync(host, browser, shots);
        await page.GotoAsync("/Configuration");
        await page.ClickAsync("#save");
        await Shot(page, shots, "14-configuration-over-limit", fullPage: true);
        await Expect(page.Locator("#problems")).ToContainTextAsync("limit 'vms' is 1 per operator");
        await Shot(page, shots, "14-configuration-over-limit");
    }

    private static async Task StaffLowersTheLimitAsync(PanelHost host, Browser browser, string shots)
    {
        var problems = await StaffAccounts.CreateAsync(host.App.Services, "staff@provider.example", Password,
            CancellationToken.None);
        Assert.Empty(problems);
        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
        });
        var staff = await context.NewPageAsync();

        await staff.GotoAsync("/Account/SignIn");
        await staff.FillAsync("#Email", "staff@provider.example");
        await staff.FillAsync("#Password", Password);
        await staff.ClickAsync("#sign-in");
        await staff.GotoAsync("/Staff");
        await Expect(staff.Locator("#operators")).ToContainTextAsync("Riverside Community");
        await Expect(staff.Locator("#operators")).ToContainTextAsync("Succeeded");
        await Shot(staff, shots, "12-staff-operators");

        await staff.ClickAsync("#operators a:has-text('Edit')");
        await staff.FillAsync("#vms", "1");
        await staff.UncheckAsync("input[name=Offered][value=Peertube]");
        await staff.ClickAsync("#save-operator");
        await Expect(staff.Locator("#saved")).ToBeVisibleAsync();
        await Expect(staff.Locator("#vms")).ToHaveValueAsync("1");
        await Shot(staff, shots, "13-staff-operator");
        await context.CloseAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static Task Shot(IPage page, string folder, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
}
