using System.Globalization;
using Fediversity.Configuration.Operator;

namespace Fediversity.Bench.Workload;

/// <summary>Operators as a fleet has them: each with Mastodon, Pixelfed and PeerTube on its own domain.</summary>
public static class OperatorFactory
{
    /// <summary>The slug of the fleet's operator number <paramref name="index"/>.</summary>
    public static string Slug(int index) => "op" + index.ToString("D5", CultureInfo.InvariantCulture);

    public static OperatorConfiguration Create(string slug) => new()
    {
        Version = OperatorConfiguration.CurrentVersion,
        Operator = new OperatorIdentity { Slug = slug, DisplayName = $"Community {slug}" },
        Domain = $"{slug}.example",
        Applications = new ApplicationSet
        {
            Mastodon = Application("social", SizeTier.Medium, slug),
            Pixelfed = Application("photos", SizeTier.Small, slug),
            Peertube = Application("video", SizeTier.Large, slug),
        },
    };

    private static ApplicationOptions Application(string subdomain, SizeTier size, string slug) => new()
    {
        Enabled = true,
        Subdomain = subdomain,
        Size = size,
        Admin = new AdminAccount { Username = "admin", Email = $"admin@{slug}.example" },
    };
}
