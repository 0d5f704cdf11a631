using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Fediversity.Bench.LiveProgress;

/// <summary>
/// One operator signed in to the panel, as their browser would be: its cookies, and the forms' anti-forgery
/// tokens. Its watchers share its connection pool and cookies, as an operator's tabs share a browser.
/// </summary>
public sealed partial class OperatorSession : IDisposable
{
    private const string Password = "benchmark operator password";

    private OperatorSession(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>Signs up a new operator and saves a configuration with Mastodon, Pixelfed and PeerTube.</summary>
    public static async Task<OperatorSession> CreateAsync(Uri panel, int number, CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var session = new OperatorSession(new HttpClient(handler)
        {
            BaseAddress = panel,
            Timeout = Timeout.InfiniteTimeSpan,
        });

        try
        {
            var name = "Bench Operator " + number.ToString("D5", CultureInfo.InvariantCulture);
            await session.PostFormAsync("/Account/SignUp",
                [new("Input.Organisation", name), new("Input.Email", $"operator{number}@bench.example"),
                    new("Input.Password", Password)], cancellationToken);
            await session.PostFormAsync("/Configuration",
            [
                new("Form.Domain", $"operator{number}.bench.example"),
                .. Application("Mastodon", "social"), .. Application("Pixelfed", "photos"),
                .. Application("Peertube", "video"),
            ], cancellationToken);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Deploys the latest configuration as the deploy page shows it; returns the deployment's id.</summary>
    public async Task<long> DeployAsync(CancellationToken cancellationToken)
    {
        var page = await GetTextAsync("/Deploy", cancellationToken);
        var fingerprint = FingerprintPattern().Match(page).Groups[1].Value;
        using var response = await Http.PostAsync(new Uri("/Deploy", UriKind.Relative), new FormUrlEncodedContent(
            [new("Fingerprint", fingerprint), new("__RequestVerificationToken", Token(page, "/Deploy"))]),
            cancellationToken);
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode != HttpStatusCode.Redirect || location is null)
        {
            throw new InvalidOperationException($"POST /Deploy answered {(int)response.StatusCode}, not a redirect");
        }

        return long.Parse(location.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    public void Dispose() => Http.Dispose();

    private async Task PostFormAsync(
        string page, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var token = Token(await GetTextAsync(page, cancellationToken), page);
        using var response = await Http.PostAsync(new Uri(page, UriKind.Relative),
            new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException(
                $"POST {page} answered {(int)response.StatusCode}, not a redirect: the form was refused");
        }
    }

    private async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static string Token(string html, string page)
    {
        var match = TokenPattern().Match(html);
        return match.Success
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"{page} has no anti-forgery token");
    }

    private static IEnumerable<KeyValuePair<string, string>> Application(string name, string subdomain) =>
    [
        new($"Form.{name}.Enabled", "true"),
        new($"Form.{name}.Subdomain", subdomain),
        new($"Form.{name}.Registrations", "closed"),
        new($"Form.{name}.AdminUsername", "site_admin"),
        new($"Form.{name}.AdminEmail", "admin@bench.example"),
        new($"Form.{name}.Size", "small"),
        new($"Form.{name}.Media", "managed"),
    ];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Fingerprint\" value=\"([^\"]*)\"")]
    private static partial Regex FingerprintPattern();
}
