using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fediversity.Resources.Providers;
using Microsoft.Extensions.Logging;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// The calls the provider makes to the Proxmox VE API under <c>/api2/json</c>, signed with the API
/// token. Every answer's <c>data</c> is returned; a refusal becomes a <see cref="ProxmoxApiException"/>
/// carrying Proxmox's message (sent both as the status line's reason and in the body). The token secret
/// travels only in its header.
/// </summary>
internal sealed class ProxmoxClient(ProxmoxOptions options, HttpClient http, TimeProvider time, ILogger logger)
{
    private readonly string root = options.Endpoint.AbsoluteUri.TrimEnd('/') + "/api2/json";

    public string Node => options.Node;

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>
    /// Sends a call; <paramref name="form"/> goes as a form body (POST, PUT) or the query (GET, DELETE).
    /// </summary>
    public async Task<JsonElement> SendAsync(
        HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form,
        CancellationToken cancellationToken)
    {
        var url = root + path;
        var hasBody = method == HttpMethod.Post || method == HttpMethod.Put;
        if (form is not null && !hasBody)
        {
            url += "?" + string.Join("&", form.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        }

        using var request = new HttpRequestMessage(method, new Uri(url));
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"PVEAPIToken={options.TokenId}={options.TokenSecret.Reveal()}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (hasBody)
        {
            request.Content = new FormUrlEncodedContent(form ?? []);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException &&
            !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(
                $"Could not reach Proxmox VE at {options.Endpoint} ({e.Message}); is the address right and " +
                "does its certificate verify on this machine?", e) { IsTransient = true };
        }

        using (response)
        {
            ProxmoxLog.Called(logger, method.Method, path, (int)response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new ProxmoxApiException(
                    $"Proxmox VE at {options.Endpoint} refused the API token {options.TokenId} " +
                    $"({(int)response.StatusCode} {Reason(response, text)}). Check 'tokenId' and the file named " +
                    "by 'tokenSecretFile' in the hosting environment, and that the token may manage VMs on " +
                    $"node {options.Node}.", (int)response.StatusCode, Reason(response, text));
            }

            if (!response.IsSuccessStatusCode)
            {
                var reason = Reason(response, text);
                throw new ProxmoxApiException(
                    $"Proxmox VE refused {method.Method} {path} ({(int)response.StatusCode}): {reason}",
                    (int)response.StatusCode, reason);
            }

            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return document.RootElement.TryGetProperty("data", out var data)
                ? data.Clone()
                : default;
        }
    }

    /// <summary>Waits for the task <paramref name="upid"/> to end and fails unless it ended OK.</summary>
    public async Task WaitTaskAsync(string upid, string action, CancellationToken cancellationToken)
    {
        var path = $"/nodes/{Uri.EscapeDataString(NodeOf(upid))}/tasks/{Uri.EscapeDataString(upid)}/status";
        var deadline = time.GetUtcNow() + options.TaskTimeout;
        var unknownUntil = time.GetUtcNow() + TimeSpan.FromSeconds(15);
        var delay = TimeSpan.FromMilliseconds(Math.Min(200, options.PollInterval.TotalMilliseconds));
        while (true)
        {
            JsonElement status;
            try
            {
                status = await GetAsync(path, cancellationToken);
            }
            catch (ProxmoxApiException e) when (e.Status == 400 && time.GetUtcNow() < unknownUntil)
            {
                // A task that was just made is not yet known to the node's task list for a moment.
                ProxmoxLog.TaskNotYetKnown(logger, upid, e.Status);
                status = default;
            }

            if (status.ValueKind == JsonValueKind.Object &&
                ProxmoxJson.Text(status, "status") == "stopped")
            {
                var exit = ProxmoxJson.Text(status, "exitstatus") ?? "unknown";
                ProxmoxLog.TaskEnded(logger, upid, exit);
                if (exit != "OK")
                {
                    throw new ProxmoxApiException($"Proxmox VE could not {action}: {exit}", 0, exit);
                }

                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProviderException(
                    $"Proxmox VE did not {action} within {options.TaskTimeout} (task {upid}); it may still be " +
                    "running: look at the node's task log, then apply again.") { IsTransient = true };
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(
                Math.Min(delay.TotalMilliseconds * 2, options.PollInterval.TotalMilliseconds));
        }
    }

    /// <summary>
    /// Sends a call that answers with a task id, and waits for the task; a call with no task is done.
    /// </summary>
    public async Task RunTaskAsync(
        HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form, string action,
        CancellationToken cancellationToken)
    {
        var data = await SendAsync(method, path, form, cancellationToken);
        if (data.ValueKind == JsonValueKind.String && data.GetString() is { Length: > 0 } upid)
        {
            await WaitTaskAsync(upid, action, cancellationToken);
        }
    }

    // UPID:node:pid:pstart:starttime:type:id:user:
    private string NodeOf(string upid)
    {
        var parts = upid.Split(':');
        return parts.Length > 2 && parts[0] == "UPID" ? parts[1] : options.Node;
    }

    private static string Reason(HttpResponseMessage response, string body)
    {
        var parts = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (ProxmoxJson.Text(document.RootElement, "message") is { Length: > 0 } message)
                {
                    parts.Add(message.Trim());
                }

                if (document.RootElement.TryGetProperty("errors", out var errors) &&
                    errors.ValueKind == JsonValueKind.Object)
                {
                    parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {e.Value.ToString().Trim()}"));
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status line's reason is all there is.
        }

        if (parts.Count == 0 || parts.Count == 1 && response.ReasonPhrase is { Length: > 0 } r && r != parts[0])
        {
            parts.Insert(0, (response.ReasonPhrase ?? "no reason given").Trim());
        }

        return string.Join("; ", parts.Distinct(StringComparer.Ordinal));
    }
}
