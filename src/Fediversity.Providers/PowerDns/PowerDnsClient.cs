using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fediversity.Resources.Providers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Fediversity.Providers.PowerDns;

/// <summary>
/// The calls the providers make to the PowerDNS HTTP API. Network failures, time-outs and 502/503/504
/// answers are tried again a few times; every other refusal becomes a <see cref="ProviderException"/>
/// whose message carries PowerDNS's own words. The API key travels only in its header.
/// </summary>
internal sealed class PowerDnsClient
{
    private readonly PowerDnsOptions options;
    private readonly HttpClient http;
    private readonly ILogger logger;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly string serverUrl;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> zoneGates =
        new(StringComparer.Ordinal);

    public PowerDnsClient(PowerDnsOptions options, HttpClient http, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.http = http;
        this.logger = logger;
        serverUrl = ServerUrl(options.Url, options.ServerId);
        pipeline = BuildPipeline(options, time, logger);
    }

    /// <summary>The zone with its record sets, or <c>null</c> when the server has no such zone.</summary>
    public async Task<PowerDnsZone?> GetZoneAsync(string zone, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, ZonePath(zone), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await RequireServerAsync(cancellationToken);
            return null;
        }

        await ThrowIfFailedAsync(response, $"read zone {zone}", cancellationToken);
        return await response.Content.ReadFromJsonAsync(PowerDnsJson.Default.PowerDnsZone, cancellationToken)
            ?? throw new ProviderException($"PowerDNS sent an empty answer for zone {zone}.");
    }

    /// <summary>Creates the zone; <c>false</c> when one of that name already exists.</summary>
    public async Task<bool> CreateZoneAsync(PowerDnsNewZone zone, CancellationToken cancellationToken)
    {
        var body = JsonContent.Create(zone, PowerDnsJson.Default.PowerDnsNewZone);
        using var response = await SendAsync(HttpMethod.Post, "zones", body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await ThrowIfFailedAsync(response, $"create zone {zone.Name}", cancellationToken);
        return true;
    }

    /// <summary>
    /// Changes record sets of the zone; <c>false</c> when the zone does not exist. Changes to one zone are
    /// sent one at a time: PowerDNS on its SQLite backend answers 500 to a change that meets another.
    /// </summary>
    public async Task<bool> PatchAsync(
        string zone, IReadOnlyList<PowerDnsRRSet> changes, CancellationToken cancellationToken)
    {
        var gate = zoneGates.GetOrAdd(zone, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await PatchOnceAsync(zone, changes, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> PatchOnceAsync(
        string zone, IReadOnlyList<PowerDnsRRSet> changes, CancellationToken cancellationToken)
    {
        var body = JsonContent.Create(new PowerDnsPatch(changes), PowerDnsJson.Default.PowerDnsPatch);
        using var response = await SendAsync(HttpMethod.Patch, ZonePath(zone), body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await RequireServerAsync(cancellationToken);
            return false;
        }

        var what = string.Join(", ", changes.Select(c => $"{c.ChangeType} {c.Name} {c.Type}"));
        await ThrowIfFailedAsync(response, $"change {what} in zone {zone}", cancellationToken);
        return true;
    }

    /// <summary>Deletes the zone with all its records; <c>false</c> when it was already gone.</summary>
    public async Task<bool> DeleteZoneAsync(string zone, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, ZonePath(zone), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await RequireServerAsync(cancellationToken);
            return false;
        }

        await ThrowIfFailedAsync(response, $"delete zone {zone}", cancellationToken);
        return true;
    }

    // A zone that is not found and a server id that is wrong both answer 404; only the second is an error.
    private async Task RequireServerAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ProviderException(
                $"PowerDNS at {options.Url} has no server '{options.ServerId}' (its API answered 404): " +
                "check the server id in the hosting environment's dns settings; it is usually 'localhost'.");
        }

        await ThrowIfFailedAsync(response, "read the server", cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var url = new Uri(path.Length == 0 ? serverUrl : $"{serverUrl}/{path}");
        var body = content is null ? null : await content.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = content?.Headers.ContentType;
        content?.Dispose();

        try
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(CallKey, $"{method} {url.AbsolutePath}");
            try
            {
                return await pipeline.ExecuteAsync(
                    async ctx =>
                    {
                        using var request = new HttpRequestMessage(method, url);
                        request.Headers.Add("X-API-Key", options.ApiKey.Reveal());
                        if (body is not null)
                        {
                            request.Content = new ByteArrayContent(body);
                            request.Content.Headers.ContentType = mediaType;
                        }

                        var response = await http.SendAsync(request, ctx.CancellationToken);
                        PowerDnsLog.Called(logger, method.Method, url.AbsolutePath, (int)response.StatusCode);
                        return response;
                    },
                    context);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(
                $"Could not reach PowerDNS at {options.Url} ({e.Message}); is the server running, and is " +
                "its webserver listening there?", e) { IsTransient = true };
        }
    }

    private async Task ThrowIfFailedAsync(
        HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ProviderException(
                $"PowerDNS at {options.Url} refused the API key ({(int)response.StatusCode} " +
                $"{response.ReasonPhrase}) when asked to {action}. The key comes from the file named by " +
                "'apiKeyFile' in the hosting environment's dns settings; it must equal the server's " +
                "'api-key' setting.");
        }

        var reason = await ReasonAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        throw new ProviderException($"PowerDNS refused to {action} ({status}): {reason}")
        {
            IsTransient = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests,
        };
    }

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        try
        {
            if (JsonSerializer.Deserialize(text, PowerDnsJson.Default.PowerDnsError) is { Error: { } error })
            {
                return error;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the plain text (for example "Not Found") is the reason.
        }

        return text.Length switch
        {
            0 => response.ReasonPhrase ?? "no reason given",
            > 500 => text[..500] + "...",
            _ => text,
        };
    }

    private static string ZonePath(string zone) => "zones/" + PowerDnsNames.ZonePath(zone);

    private static string ServerUrl(Uri url, string serverId)
    {
        var root = url.AbsoluteUri.TrimEnd('/');
        if (!root.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            root += "/api/v1";
        }

        return $"{root}/servers/{Uri.EscapeDataString(serverId)}";
    }

    private static readonly ResiliencePropertyKey<string> CallKey = new("powerdns-call");

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(
        PowerDnsOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.BadGateway
                        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
                MaxRetryAttempts = options.Retries,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.Message
                        ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}";
                    var call = args.Context.Properties.GetValue(CallKey, "call").Split(' ', 2);
                    PowerDnsLog.Retrying(logger, call[0], call[^1], reason, args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }
}
