namespace Fediversity.Sandbox;

/// <summary>How long the stand-in services take, so that progress is visible; zero in tests.</summary>
public sealed record SandboxLatency(
    TimeSpan CloneVm, TimeSpan StartVm, TimeSpan Switch, TimeSpan StorageCall, TimeSpan DnsCall)
{
    public static SandboxLatency None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Every latency multiplied by <paramref name="factor"/>.</summary>
    public SandboxLatency Scaled(double factor) =>
        new(CloneVm * factor, StartVm * factor, Switch * factor, StorageCall * factor, DnsCall * factor);
}
