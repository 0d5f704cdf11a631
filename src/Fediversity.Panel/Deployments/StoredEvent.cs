namespace Fediversity.Panel.Deployments;

/// <summary>A deployment's event as it is stored and sent on the live channel.</summary>
/// <param name="Id">Grows with every event; the live channel resumes after it.</param>
/// <param name="Type">The event's type, as the orchestrator's JSON events name it.</param>
/// <param name="Json">The event as the orchestrator's JSON events write it.</param>
internal sealed record StoredEvent(long Id, string Type, string Json);
