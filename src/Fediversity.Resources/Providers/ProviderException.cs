namespace Fediversity.Resources.Providers;

/// <summary>A provider call failed. The message says what went wrong and what to do.</summary>
public class ProviderException : Exception
{
    public ProviderException()
    {
    }

    public ProviderException(string message)
        : base(message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether trying again later may succeed.</summary>
    public bool IsTransient { get; init; }
}
