using System.ComponentModel;

namespace Fediversity.Configuration.Operator;

/// <summary>The applications on offer; an absent one is not deployed.</summary>
public sealed record ApplicationSet
{
    [Description("Mastodon, the microblogging service.")]
    public ApplicationOptions? Mastodon { get; init; }

    [Description("Pixelfed, the photo-sharing service.")]
    public ApplicationOptions? Pixelfed { get; init; }

    [Description("PeerTube, the video service.")]
    public ApplicationOptions? Peertube { get; init; }

    /// <summary>Every application that is present, enabled or not, by name.</summary>
    public IEnumerable<(ApplicationName Name, ApplicationOptions Options)> Present()
    {
        if (Mastodon is not null)
        {
            yield return (ApplicationName.Mastodon, Mastodon);
        }

        if (Pixelfed is not null)
        {
            yield return (ApplicationName.Pixelfed, Pixelfed);
        }

        if (Peertube is not null)
        {
            yield return (ApplicationName.Peertube, Peertube);
        }
    }

    /// <summary>The applications to deploy.</summary>
    public IEnumerable<(ApplicationName Name, ApplicationOptions Options)> Enabled() =>
        Present().Where(a => a.Options.Enabled);
}
