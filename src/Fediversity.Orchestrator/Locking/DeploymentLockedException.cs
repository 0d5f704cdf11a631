namespace Fediversity.Orchestrator.Locking;

/// <summary>Another run holds the deployment's lease.</summary>
public sealed class DeploymentLockedException : Exception
{
    public DeploymentLockedException()
    {
    }

    public DeploymentLockedException(string message)
        : base(message)
    {
    }

    public DeploymentLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeploymentLockedException(string deployment, string holder, DateTimeOffset since, DateTimeOffset expires)
        : base($"Deployment '{deployment}' is being changed by {holder} since {since:u}. " +
               $"Wait for that run to end; if it died, its lease expires at {expires:u}.")
    {
        Deployment = deployment;
        Holder = holder;
        Since = since;
    }

    public string? Deployment { get; }

    public string? Holder { get; }

    public DateTimeOffset Since { get; }
}
