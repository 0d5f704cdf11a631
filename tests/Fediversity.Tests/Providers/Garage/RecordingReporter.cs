using Fediversity.Resources.Providers;

namespace Fediversity.Tests.Providers.Garage;

/// <summary>Keeps the lines a provider reports.</summary>
internal sealed class RecordingReporter : IStepReporter
{
    public List<string> Lines { get; } = [];

    public void Report(string message)
    {
        lock (Lines)
        {
            Lines.Add(message);
        }
    }
}
