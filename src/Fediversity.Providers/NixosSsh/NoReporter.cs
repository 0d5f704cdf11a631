using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh;

/// <summary>Where progress goes when nobody watches, as during a refresh.</summary>
internal sealed class NoReporter : IStepReporter
{
    public static NoReporter Instance { get; } = new();

    public void Report(string message)
    {
    }
}
