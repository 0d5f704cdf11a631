using System.Net;
using System.Text.RegularExpressions;

namespace Fediversity.Tests.Panel;

/// <summary>A signed-in person's browser without the browser: cookies, and the forms' anti-forgery tokens.</summary>
internal sealed partial class PanelClient : IDisposable
{
    private readonly HttpClient http;

    public PanelClient(Uri baseAddress)
    {
        http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form as the page at <paramref name="formPage"/> would, with its anti-forgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(
        string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Token(await GetTextAsync(formPage));
        return await PostAsync(action, [.. fields, new("__RequestVerificationToken", token)]);
    }

    public Task<HttpResponseMessage> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));

    public async Task SignUpAsync(string organisation, string email, string password = "correct horse battery")
    {
        using var response = await PostFormAsync("/Account/SignUp", "/Account/SignUp",
            [new("Input.Organisation", organisation), new("Input.Email", email), new("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Saves a configuration with Mastodon and Pixelfed on under <paramref name="domain"/>.</summary>
    public async Task<HttpResponseMessage> SaveConfigurationAsync(string domain, params (string Key, string Value)[] more)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Form.Domain", domain),
            .. Application("Mastodon", "social", enabled: true),
            .. Application("Pixelfed", "photos", enabled: true),
            .. Application("Peertube", "video", enabled: false),
        ];
        var changed = more.ToDictionary(m => m.Key, m => m.Value);
        fields = [.. fields.Where(f => !changed.ContainsKey(f.Key)), .. changed];
        return await PostFormAsync("/Configuration", "/Configuration", fields);
    }

    /// <summary>Deploys the latest configuration as the deploy page shows it; returns the deployment's id.</summary>
    public async Task<long> DeployAsync(bool confirmDataLoss = false)
    {
        var page = await GetTextAsync("/Deploy");
        var fingerprint = FingerprintPattern().Match(page).Groups[1].Value;
        using var response = await PostAsync("/Deploy",
        [
            new("Fingerprint", fingerprint), new("__RequestVerificationToken", Token(page)),
            .. confirmDataLoss
                ? [new KeyValuePair<string, string>("ConfirmDataLoss", "true")]
                : Array.Empty<KeyValuePair<string, string>>(),
        ]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opens a deployment's live channel, after <paramref name="lastEventId"/> when given.</summary>
    public async Task<EventStream> WatchAsync(long deployment, long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/Deployments/{deployment}/Events");
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(response);
    }

    public async Task<string> SendTextAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no anti-forgery token.");
        return match.Groups[1].Value;
    }

    private static IEnumerable<KeyValuePair<string, string>> Application(string name, string subdomain, bool enabled) =>
    [
        new($"Form.{name}.Enabled", enabled ? "true" : "false"),
        new($"Form.{name}.Subdomain", subdomain),
        new($"Form.{name}.Registrations", "closed"),
        new($"Form.{name}.AdminUsername", "site_admin"),
        new($"Form.{name}.AdminEmail", "admin@example.org"),
        new($"Form.{name}.Size", "small"),
        new($"Form.{name}.Media", "managed"),
    ];

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Fingerprint\" value=\"([^\"]*)\"")]
    private static partial Regex FingerprintPattern();
}
