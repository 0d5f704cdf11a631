using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator.Nix;

/// <summary>Renders the NixOS configuration of one application's machine.</summary>
/// <remarks>
/// The result is a function of the spec alone: the same spec gives the same text, byte for byte, so a
/// changed text means a changed machine. Secrets never enter the text; the configuration names the secret
/// files by path, and <see cref="NixosRendering.SecretFiles"/> says what goes in them.
/// <para>Known limitations, as of this release:</para>
/// <list type="bullet">
/// <item>The configuration imports <c>./hardware-configuration.nix</c>, which the machine's base image must
/// provide next to it (disks, boot loader); without it the machine does not build.</item>
/// <item>PeerTube is told <c>force_path_style</c> for Garage. Current PeerTube reads that key; whether the
/// PeerTube of <see cref="NixpkgsRelease"/> does was not confirmed. If it does not, it ignores the key and
/// addresses buckets by host name, which Garage only answers when its S3 root domain is set.</item>
/// <item>Mastodon keeps its sign-up mode in its database. A small unit sets it with tootctl whenever the
/// wanted mode changes; a change made in Mastodon's admin pages stays until the next such change.</item>
/// <item>Pixelfed runs on a local MariaDB, not PostgreSQL: that is what the nixpkgs module sets up well.</item>
/// <item>The tests parse and evaluate the rendering as a module, but do not build it against nixpkgs,
/// which they do not have; a wrong option name would first show when the machine switches.</item>
/// </list>
/// </remarks>
public static class NixosRenderer
{
    /// <summary>The nixpkgs release the configurations are written for. Option names of the service modules
    /// change between releases (Mastodon's <c>otpSecretFile</c> went away after it), so the machines must
    /// be built from this release's channel.</summary>
    public const string NixpkgsRelease = "nixos-25.05";

    /// <summary>The <c>system.stateVersion</c> of every machine. It records the release the machines were
    /// first installed with, for the data formats of stateful services such as PostgreSQL; it must stay
    /// put when <see cref="NixpkgsRelease"/> moves on.</summary>
    public const string StateVersion = "25.05";

    /// <summary>The folder on the machine that holds the secret files; only root can list it.</summary>
    public const string SecretsFolder = "/var/lib/fediversity/secrets";

    /// <summary>Renders the machine's <c>configuration.nix</c> and the secret files it reads.</summary>
    /// <exception cref="ArgumentException">The spec cannot be rendered, for example a mail relay that wants a
    /// password but has no user name, or an S3 endpoint that is not an http or https URL.</exception>
    public static NixosRendering Render(NixosHostSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);

        var secrets = new SecretFileSet();
        var nix = new NixWriter(
        [
            $"The NixOS configuration of {spec.HostName}, which runs {spec.Application} at {spec.Domain}.",
            $"Written by Fediversity for {NixpkgsRelease}; changes made here are lost at the next deployment.",
        ]);

        HostSection.Write(nix, spec);
        nix.Blank();

        switch (spec.Application)
        {
            case ApplicationName.Mastodon:
                MastodonSection.Write(nix, spec, secrets);
                break;
            case ApplicationName.Pixelfed:
                PixelfedSection.Write(nix, spec, secrets);
                break;
            case ApplicationName.Peertube:
                PeertubeSection.Write(nix, spec, secrets);
                break;
            default:
                throw new ArgumentException($"No NixOS configuration is known for {spec.Application}.", nameof(spec));
        }

        return new NixosRendering(nix.Finish(), secrets.Files);
    }
}
