using Fediversity.Orchestrator.Planning;

namespace Fediversity.Panel.Deployments;

/// <summary>Names steps in words an operator reads, rather than by resource address.</summary>
internal static class StepTitles
{
    public static string For(string address, string kind, StepAction action)
    {
        var parts = address.Split('/');
        var subject = parts.Length > 2 ? parts[2] : address;
        var owner = subject switch
        {
            "mastodon" => "Mastodon",
            "pixelfed" => "Pixelfed",
            "peertube" => "PeerTube",
            _ => "Your services",
        };
        var what = kind switch
        {
            "vm" => "machine",
            "dns-zone" => "DNS zone",
            "dns-record" => "address in DNS",
            "s3-bucket" => "media storage",
            "s3-key" => "media storage key",
            "s3-grant" => "access to the media storage",
            "s3-existing-bucket" => "handed-over media storage",
            "password" => parts.Length > 3 ? $"generated secret ({parts[^1]})" : "generated secret",
            "ssh-key" => "deploy key",
            "nixos-host" => "system configuration",
            "admin-account" => "admin account",
            _ => kind,
        };
        var verb = action switch
        {
            StepAction.Create => "create",
            StepAction.Update => "update",
            StepAction.Replace => "replace",
            StepAction.Delete => "remove",
            _ => "keep",
        };
        return $"{owner}: {verb} {what}";
    }

    public static string ApplicationLabel(Fediversity.Configuration.Operator.ApplicationName name) =>
        name switch
        {
            Fediversity.Configuration.Operator.ApplicationName.Mastodon => "Mastodon",
            Fediversity.Configuration.Operator.ApplicationName.Pixelfed => "Pixelfed",
            _ => "PeerTube",
        };

    /// <summary>How long a step of this kind is expected to take, to weigh the progress bar.</summary>
    public static double ExpectedSeconds(string kind) => kind switch
    {
        "vm" => 30,
        "nixos-host" => 20,
        "admin-account" => 5,
        _ => 1,
    };
}
