using Fediversity.Configuration.Environment;
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

    /// <summary>
    /// How long a step of this kind is expected to take, to weigh the progress bar: the stand-ins' own
    /// latencies in the sandbox, a rough guess of real services elsewhere.
    /// </summary>
    public static double ExpectedSeconds(string kind, HostingEnvironment environment)
    {
        if (environment.Machines is SandboxMachines machines)
        {
            var storage = (environment.Storage as SandboxStorage)?.OperationMs ?? 0;
            var dns = (environment.Dns as SandboxDns)?.OperationMs ?? 0;
            var milliseconds = kind switch
            {
                "vm" => machines.CloneMs + machines.StartMs,
                "nixos-host" => machines.SwitchMs,
                _ when kind.StartsWith("s3-", StringComparison.Ordinal) => storage,
                _ when kind.StartsWith("dns-", StringComparison.Ordinal) => dns,
                _ => 0,
            };
            return Math.Max(0.1, milliseconds / 1000.0);
        }

        return kind switch
        {
            "vm" => 30,
            "nixos-host" => 20,
            "admin-account" => 5,
            _ => 1,
        };
    }
}
