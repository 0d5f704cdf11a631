using System.Text.Json;
using Fediversity.Cli.Output;
using Fediversity.Orchestrator.Events;
using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// Writes every event of a run to the panel's database as it happens, so that the progress page can be
/// rebuilt from the store by any panel process, after a reload or a dropped connection; then hands it to this
/// process's watchers of the deployment at once.
/// </summary>
internal sealed class StoredEventSink(
    IDbContextFactory<PanelDbContext> databases, DeploymentFeeds feeds, long deploymentId, TimeProvider time)
    : IDeploymentEventSink
{
    private readonly Lock gate = new();

    public void Publish(DeploymentEvent deploymentEvent)
    {
        var json = JsonSerializer.Serialize(deploymentEvent, JsonOutput.Options);
        var type = JsonDocument.Parse(json).RootElement.GetProperty("type").GetString() ?? "event";
        Write(type, json, deploymentEvent.At);
    }

    /// <summary>A line from the panel itself, such as a resumption after a restart.</summary>
    public void Note(string message)
    {
        var at = time.GetUtcNow();
        Write("note", JsonSerializer.Serialize(new { type = "note", at, message }, JsonOutput.Options), at);
    }

    private void Write(string type, string json, DateTimeOffset at)
    {
        lock (gate)
        {
            using var db = databases.CreateDbContext();
            var row = new DeploymentEventRow { DeploymentId = deploymentId, Type = type, Json = json, At = at };
            db.DeploymentEvents.Add(row);
            db.SaveChanges();
            feeds.Published(deploymentId, new StoredEvent(row.Id, type, json));
        }
    }
}
