namespace Fediversity.Orchestrator.State;

/// <summary>
/// The state store cannot be opened as it is: the database cannot be reached, was made by another build, or
/// its secrets were encrypted with another key. The message says what to do; nothing was changed.
/// </summary>
public sealed class StateStoreException : Exception
{
    public StateStoreException()
    {
    }

    public StateStoreException(string message)
        : base(message)
    {
    }

    public StateStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
