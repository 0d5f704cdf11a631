using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Accounts;

/// <summary>
/// PeerTube's administrator is its built-in <c>root</c> user, which PeerTube makes when it first starts. Its
/// password is set with PeerTube's own <c>reset-password</c> script, run as the peertube user through nixpkgs'
/// <c>peertube-env</c> (which loads the service's environment); the script reads the password from standard
/// input.
/// </summary>
internal sealed class PeertubeTooling : IAdminTooling
{
    private const string ResetPassword = """
        env=$(PATH="/etc/profiles/per-user/peertube/bin:$PATH" command -v peertube-env) \
          || { echo 'peertube-env is not installed' >&2; exit 127; }
        sudo -u peertube -- "$env" 'cd "$HOME" && npm run --silent reset-password -- -u root'
        """;

    public async Task EnsureAsync(SshConnection ssh, AdminAccountSpec spec, IStepReporter reporter,
        CancellationToken ct)
    {
        if (spec.Username != "root")
        {
            throw new ProviderException(
                $"PeerTube's administrator is its built-in 'root' user, not '{spec.Username}'");
        }

        await ssh.RunCheckedAsync(ResetPassword, "PeerTube's reset-password", reporter, ct,
            spec.Password.Reveal() + "\n");
        reporter.Report("set the password of PeerTube's root user");
    }
}
