namespace Fediversity.Configurator.Nix;

/// <summary>What every Fediversity machine has, whatever it runs: access, firewall, time, TLS, nginx.</summary>
internal static class HostSection
{
    public static void Write(NixWriter nix, NixosHostSpec spec)
    {
        // The base image leaves its disk and boot loader settings next to this file.
        nix.Raw("imports", "[ ./hardware-configuration.nix ]");
        nix.Blank();

        nix.String("system.stateVersion", NixosRenderer.StateVersion);
        nix.String("networking.hostName", spec.HostName);
        nix.Bool("services.qemuGuest.enable", true);
        nix.Blank();

        WriteAccess(nix, spec);
        nix.Blank();

        nix.Comment("Only SSH and the web are reachable from outside.");
        nix.Bool("networking.firewall.enable", true);
        nix.IntList("networking.firewall.allowedTCPPorts", [22, 80, 443]);
        nix.Blank();

        nix.Bool("services.timesyncd.enable", true);
        nix.Open("nix.gc");
        nix.Bool("automatic", true);
        nix.String("dates", "weekly");
        nix.String("options", "--delete-older-than 30d");
        nix.Close();
        nix.Blank();

        nix.Open("security.acme");
        nix.Bool("acceptTerms", true);
        nix.String("defaults.email", spec.AcmeContact);
        nix.Close();
        nix.Blank();

        nix.Open("services.nginx");
        nix.Bool("enable", true);
        nix.Bool("recommendedTlsSettings", true);
        nix.Bool("recommendedOptimisation", true);
        nix.Bool("recommendedGzipSettings", true);
        nix.Close();
        nix.Blank();

        // Services reach their own file in here; nobody can list what the folder holds.
        nix.StringList(
            "systemd.tmpfiles.rules",
            ["d /var/lib/fediversity 0755 root root -", $"d {NixosRenderer.SecretsFolder} 0711 root root -"]);
    }

    private static void WriteAccess(NixWriter nix, NixosHostSpec spec)
    {
        var key = spec.DeployPublicKey.Trim();
        if (key.Length == 0 || key.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            // A line break would smuggle a second key into root's authorized keys.
            throw new ArgumentException(
                "The deploy key must be exactly one OpenSSH public key line; generate the deploy key again.",
                nameof(spec));
        }

        nix.Comment("Only the deploy key signs in, and only with the key.");
        nix.Open("services.openssh");
        nix.Bool("enable", true);
        nix.Bool("openFirewall", true);
        nix.Bool("authorizedKeysInHomedir", false);
        nix.Bool("settings.PasswordAuthentication", false);
        nix.Bool("settings.KbdInteractiveAuthentication", false);
        nix.String("settings.PermitRootLogin", "prohibit-password");
        nix.Close();
        nix.StringList("users.users.root.openssh.authorizedKeys.keys", [key]);
    }
}
