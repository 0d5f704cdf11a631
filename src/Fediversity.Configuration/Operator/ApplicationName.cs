namespace Fediversity.Configuration.Operator;

/// <summary>The applications Fediversity can deploy.</summary>
public enum ApplicationName
{
    Mastodon,
    Pixelfed,
    Peertube,
}
