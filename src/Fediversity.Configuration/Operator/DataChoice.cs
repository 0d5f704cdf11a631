namespace Fediversity.Configuration.Operator;

/// <summary>What becomes of a disabled application's data.</summary>
public enum DataChoice
{
    /// <summary>The media bucket and its key stay, detached from any machine, until enabled again.</summary>
    Keep,

    /// <summary>The media bucket is emptied and removed.</summary>
    Delete,
}
