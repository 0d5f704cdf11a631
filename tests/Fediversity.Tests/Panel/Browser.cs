using Fediversity.Bench.Harness;
using Microsoft.Playwright;

namespace Fediversity.Tests.Panel;

/// <summary>Debian's Chromium, driven by Playwright; Playwright's own browser builds are never used.</summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    /// <summary>Where the screenshots go: TestResults/panel-screenshots at the top of the checkout.</summary>
    public static string Screenshots
    {
        get
        {
            var path = Path.Combine(Repository.Root, "TestResults", "panel-screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public static async Task<Browser> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing; tests/setup/install-browser.sh installs it (tests/run.sh runs that script).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.CloseAsync();
        playwright.Dispose();
    }
}
