using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Fediversity.Bench.LiveProgress;

/// <summary>
/// One client watching a deployment's progress over Server-Sent Events, as a progress page's EventSource does:
/// from the first event, reconnecting with Last-Event-ID when the stream drops, until the end event. For each
/// event recorded after it first asked, it keeps the time from the event's own timestamp to its arrival.
/// </summary>
public sealed class ProgressWatcher(HttpClient http, long deploymentId)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private readonly List<long> ids = [];
    private readonly List<double> latenciesMs = [];

    public long DeploymentId { get; } = deploymentId;

    /// <summary>Every event id received, in the order received.</summary>
    public IReadOnlyList<long> Ids => ids;

    /// <summary>Delivery latency of each event recorded after the watcher first asked, in milliseconds.</summary>
    public IReadOnlyList<double> LatenciesMs => latenciesMs;

    public int Reconnects { get; private set; }

    /// <summary>The status the end event carried; null when the stream never ended.</summary>
    public string? End { get; private set; }

    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        var since = DateTimeOffset.UtcNow;
        while (End is null)
        {
            try
            {
                await ReadStreamAsync(since, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException &&
                !cancellationToken.IsCancellationRequested)
            {
                // A dropped connection: the browser reconnects after the retry the stream asked for.
            }

            if (End is null)
            {
                Reconnects++;
                await Task.Delay(Retry, cancellationToken);
            }
        }
    }

    private async Task ReadStreamAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/Deployments/{DeploymentId}/Events");
        if (ids.Count > 0)
        {
            request.Headers.Add("Last-Event-ID", ids[^1].ToString(CultureInfo.InvariantCulture));
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException(
                $"the events of deployment {DeploymentId} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        long? id = null;
        string? type = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }

                continue;
            }

            var arrived = DateTimeOffset.UtcNow;
            if (type == "end")
            {
                End = data;
                return;
            }

            if (id is { } received && data is not null)
            {
                ids.Add(received);
                if (RecordedAt(data) is { } at && at >= since)
                {
                    latenciesMs.Add((arrived - at).TotalMilliseconds);
                }
            }

            (id, type, data) = (null, null, null);
        }
    }

    private static DateTimeOffset? RecordedAt(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out var value)
            ? value
            : null;
    }
}
