using Fediversity.Resources.Providers;

namespace Fediversity.Tests.Providers.PowerDns;

/// <summary>Keeps what a provider reported.</summary>
internal sealed class RecordingReporter : IStepReporter
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public void Report(string message)
    {
        lock (lines)
        {
            lines.Add(message);
        }
    }
}
