using System.Globalization;
using Fediversity.Panel.Data;
using Fediversity.Panel.Operators;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// The live channel of a deployment: Server-Sent Events read from the stored events, so that any panel
/// process can serve it and a client that reconnects with Last-Event-ID misses nothing.
/// </summary>
internal static class DeploymentEndpoints
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/Deployments/{id:long}/Events", StreamAsync).RequireAuthorization();

    private static async Task StreamAsync(
        long id, HttpContext context, OperatorAccess access, IDbContextFactory<PanelDbContext> databases,
        TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        if (await access.DeploymentAsync(context.User, id, cancellationToken) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var after = LastSeen(context.Request);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync("retry: 1000\n\n", cancellationToken);
        var quietSince = time.GetUtcNow();

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                var status = await db.Deployments.Where(d => d.Id == id).Select(d => d.Status)
                    .FirstAsync(cancellationToken);
                var rows = await db.DeploymentEvents.AsNoTracking()
                    .Where(e => e.DeploymentId == id && e.Id > after)
                    .OrderBy(e => e.Id)
                    .Take(200)
                    .ToListAsync(cancellationToken);

                foreach (var row in rows)
                {
                    await context.Response.WriteAsync(
                        $"id: {row.Id}\nevent: {row.Type}\ndata: {row.Json.ReplaceLineEndings(" ")}\n\n", cancellationToken);
                    after = row.Id;
                }

                if (rows.Count > 0)
                {
                    quietSince = time.GetUtcNow();
                    await context.Response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (status is DeploymentStatus.Succeeded or DeploymentStatus.Failed)
                {
                    await context.Response.WriteAsync(
                        $"event: end\ndata: {status.ToString().ToLowerInvariant()}\n\n", cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    return;
                }

                if (time.GetUtcNow() - quietSince > Heartbeat)
                {
                    await context.Response.WriteAsync(": still running\n\n", cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    quietSince = time.GetUtcNow();
                }

                await Task.Delay(Poll, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; it resumes from its last event id when it comes back.
        }
    }

    private static long LastSeen(HttpRequest request)
    {
        var header = request.Headers["Last-Event-ID"].ToString();
        var value = string.IsNullOrEmpty(header) ? request.Query["after"].ToString() : header;
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }
}
