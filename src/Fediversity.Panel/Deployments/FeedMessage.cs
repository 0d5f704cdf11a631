using Fediversity.Panel.Data;

namespace Fediversity.Panel.Deployments;

/// <summary>What a watcher of a deployment receives: its next event, or its end with the outcome.</summary>
internal sealed record FeedMessage(StoredEvent? Event, DeploymentStatus? End);
