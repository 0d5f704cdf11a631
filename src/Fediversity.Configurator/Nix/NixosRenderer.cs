using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator.Nix;

/// <summary>Renders the NixOS configuration of one application's machine.</summary>
/// <remarks>
/// The result is a function of the spec alone: the same spec gives the same text, byte for byte, so a
/// changed text means a changed machine. Secrets never enter the text; the configuration names the secret
/// files by path, and <see cref="NixosRendering.SecretFiles"/> says what goes in them.
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
