namespace Fediversity.Panel.Deployments;

/// <summary>One step of a deployment as its progress page shows it.</summary>
internal sealed record StepLine(string Address, string Title, string Kind, string State)
{
    public long? DurationMs { get; init; }

    public IReadOnlyList<string> LatestLines { get; init; } = [];

    public string? Error { get; init; }

    public bool LosesData { get; init; }
}
