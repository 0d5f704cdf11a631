using System.Text.RegularExpressions;

namespace Fediversity.Providers.NixosSsh.Host;

/// <summary>
/// The application a NixOS configuration runs, found in the configuration itself (the host kind carries no
/// application input): its name, the domain it answers under and the systemd units that must be active.
/// </summary>
internal sealed partial record DeployedApplication(string Name, string Domain, IReadOnlyList<string> Units)
{
    /// <summary>The units nixpkgs' modules make for each application, besides nginx.</summary>
    private static readonly Dictionary<string, string[]> UnitsByApplication = new(StringComparer.Ordinal)
    {
        ["mastodon"] = ["mastodon-web.service", "mastodon-sidekiq-all.service"],
        ["pixelfed"] = ["phpfpm-pixelfed.service", "pixelfed-horizon.service"],
        ["peertube"] = ["peertube.service"],
    };

    /// <summary>The application the configuration enables, or null when it enables none we know.</summary>
    public static DeployedApplication? Detect(string configuration)
    {
        var service = ServiceBlock().Match(configuration);
        if (!service.Success)
        {
            return null;
        }

        var name = service.Groups["app"].Value;
        var rest = configuration[service.Index..];
        var domain = (name == "pixelfed" ? PixelfedDomain() : LocalDomain()).Match(rest);
        return domain.Success
            ? new DeployedApplication(
                name, domain.Groups["domain"].Value, [.. UnitsByApplication[name], "nginx.service"])
            : null;
    }

    [GeneratedRegex(@"^\s*services\.(?<app>mastodon|pixelfed|peertube)\s*=\s*\{", RegexOptions.Multiline)]
    private static partial Regex ServiceBlock();

    [GeneratedRegex("""^\s*localDomain\s*=\s*"(?<domain>[a-z0-9.-]+)";""", RegexOptions.Multiline)]
    private static partial Regex LocalDomain();

    [GeneratedRegex("""^\s*domain\s*=\s*"(?<domain>[a-z0-9.-]+)";""", RegexOptions.Multiline)]
    private static partial Regex PixelfedDomain();
}
