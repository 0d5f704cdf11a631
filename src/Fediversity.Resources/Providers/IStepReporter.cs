namespace Fediversity.Resources.Providers;

/// <summary>Where a provider reports what it is doing, as short lines an operator can read.</summary>
public interface IStepReporter
{
    void Report(string message);
}
