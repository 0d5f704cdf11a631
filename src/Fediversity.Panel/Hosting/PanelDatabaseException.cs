namespace Fediversity.Panel.Hosting;

/// <summary>The panel's database cannot be used; the message says why and what to do.</summary>
public sealed class PanelDatabaseException : Exception
{
    /// <summary>Makes the exception with its message.</summary>
    public PanelDatabaseException(string message)
        : base(message)
    {
    }

    /// <summary>Makes the exception with its message and the failure underneath.</summary>
    public PanelDatabaseException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
