using System.Globalization;
using Fediversity.Panel.Data;
using Fediversity.Panel.Operators;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// The live channel of a deployment: Server-Sent Events. A watcher first gets the stored events it has not seen
/// (after Last-Event-ID), then what the deployment's one shared reader hands out (<see cref="DeploymentFeeds"/>),
/// so that any panel process can serve it and a client that reconnects misses nothing.
/// </summary>
internal static class DeploymentEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/Deployments/{id:long}/Events", StreamAsync).RequireAuthorization();

    private static async Task StreamAsync(long id, HttpContext context, OperatorAccess access, DeploymentFeeds feeds)
    {
        var cancellationToken = context.RequestAborted;
        if (await access.DeploymentAsync(context.User, id, cancellationToken) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var last = LastSeen(context.Request);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync("retry: 1000\n\n", cancellationToken);

        try
        {
            using var watch = await feeds.WatchAsync(id, last, cancellationToken);
            await foreach (var missed in watch.MissedAsync(cancellationToken))
            {
                last = await WriteAsync(context.Response, missed, last, cancellationToken);
            }

            await context.Response.Body.FlushAsync(cancellationToken);
            await RelayAsync(context.Response, watch, last, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; it resumes from its last event id when it comes back.
        }
    }

    /// <summary>Writes what the shared reader hands over, a heartbeat when it is quiet, until the end.</summary>
    private static async Task RelayAsync(
        HttpResponse response, DeploymentWatch watch, long last, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (await watch.WaitAsync(Heartbeat, cancellationToken))
            {
                case null:
                    return;
                case false:
                    await response.WriteAsync(": still running\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
            }

            var events = new List<StoredEvent>();
            DeploymentStatus? end = null;
            while (end is null && watch.TryRead(out var message))
            {
                if (message.Event is { } stored)
                {
                    events.Add(stored);
                }

                end = message.End;
            }

            last = await WriteAsync(response, events, last, cancellationToken);
            if (end is { } status)
            {
                await response.WriteAsync(
                    $"event: end\ndata: {status.ToString().ToLowerInvariant()}\n\n", cancellationToken);
            }

            await response.Body.FlushAsync(cancellationToken);
            if (end is not null)
            {
                return;
            }
        }
    }

    /// <summary>Writes the events after <paramref name="last"/>, each once and in order; returns the last.</summary>
    private static async Task<long> WriteAsync(
        HttpResponse response, IEnumerable<StoredEvent> events, long last, CancellationToken cancellationToken)
    {
        foreach (var stored in events.Where(e => e.Id > last))
        {
            await response.WriteAsync(
                $"id: {stored.Id}\nevent: {stored.Type}\ndata: {stored.Json.ReplaceLineEndings(" ")}\n\n",
                cancellationToken);
            last = stored.Id;
        }

        return last;
    }

    private static long LastSeen(HttpRequest request)
    {
        var header = request.Headers["Last-Event-ID"].ToString();
        var value = string.IsNullOrEmpty(header) ? request.Query["after"].ToString() : header;
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }
}
