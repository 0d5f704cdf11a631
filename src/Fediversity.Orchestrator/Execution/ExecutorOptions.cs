namespace Fediversity.Orchestrator.Execution;

/// <summary>How a plan is carried out.</summary>
public sealed record ExecutorOptions
{
    /// <summary>
    /// How many steps may run at once. Independent steps are mostly waits on remote services, so the
    /// bound is high; providers keep their own, tighter limits where a service needs them.
    /// </summary>
    public int Parallelism { get; init; } = 32;
}
