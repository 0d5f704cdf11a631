using System.Text.Json;
using Fediversity.Cli.Output;
using Fediversity.Orchestrator.Events;
using Fediversity.Panel.Data;

namespace Fediversity.Panel.Deployments;

/// <summary>
/// Stores every event of a run in the panel's database as it happens, so that the progress page can be rebuilt
/// from the store by any panel process, after a reload or a dropped connection; this process's watchers of the
/// deployment get each one as soon as it is stored. <see cref="FlushAsync"/> waits until all are stored.
/// </summary>
internal sealed class StoredEventSink(StoredEventWriter writer, long deploymentId, TimeProvider time)
    : IDeploymentEventSink
{
    private readonly Lock gate = new();
    private Task last = Task.CompletedTask;

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

    /// <summary>
    /// Waits until every event published so far is stored, so that a deployment is marked ended only after its
    /// last event: watchers that see the end have seen everything before it.
    /// </summary>
    public Task FlushAsync()
    {
        lock (gate)
        {
            return last;
        }
    }

    private void Write(string type, string json, DateTimeOffset at)
    {
        lock (gate)
        {
            last = writer.Enqueue(
                new DeploymentEventRow { DeploymentId = deploymentId, Type = type, Json = json, At = at });
        }
    }
}
