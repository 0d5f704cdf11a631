using System.Collections.Concurrent;
using Fediversity.Resources.Providers;

namespace Fediversity.Tests.Providers.NixosSsh;

/// <summary>Keeps every progress line a provider reported.</summary>
internal sealed class RecordingReporter : IStepReporter
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public void Report(string message) => lines.Enqueue(message);
}
