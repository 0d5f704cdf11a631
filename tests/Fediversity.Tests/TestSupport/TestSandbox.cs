using Fediversity.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace Fediversity.Tests.TestSupport;

/// <summary>A sandbox world in a temporary folder, on a fake clock, with the given latencies (none by default).</summary>
internal sealed class TestSandbox : IDisposable
{
    private readonly TempDirectory folder = new();

    public TestSandbox(SandboxLatency? latency = null)
    {
        World = new SandboxWorld(folder.Path, latency ?? SandboxLatency.None, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public SandboxWorld World { get; }

    public void Dispose() => folder.Dispose();
}
