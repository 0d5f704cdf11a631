using System.Text;
using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Accounts;

/// <summary>
/// Mastodon's owner account. <c>tootctl accounts create</c> makes it, confirmed, with the Owner role, but it
/// only hands out a password it generates, and no tootctl command takes a chosen one. So the chosen password
/// is set with a few lines of Ruby run by Mastodon's own <c>rails runner</c>, reading the script from
/// standard input. Rails is reached through nixpkgs' <c>mastodon-tootctl</c> wrapper, which is the one place
/// that knows Mastodon's package and environment files: the wrapper is run with its last command,
/// <c>bin/tootctl "$@"</c>, swapped for <c>bin/rails runner -</c>.
/// </summary>
internal sealed class MastodonTooling : IAdminTooling
{
    private const string Rails = """
        wrapper=$(command -v mastodon-tootctl) || { echo 'mastodon-tootctl is not installed' >&2; exit 127; }
        grep -q '/bin/tootctl "$@"' "$wrapper" || { echo "$wrapper does not run bin/tootctl" >&2; exit 2; }
        exec bash -c "$(sed 's|/bin/tootctl "$@"|/bin/rails runner -|' "$wrapper")"
        """;

    public async Task EnsureAsync(SshConnection ssh, AdminAccountSpec spec, IStepReporter reporter,
        CancellationToken ct)
    {
        var name = ShellQuote.Quote(spec.Username);
        var probe = await ssh.RunCheckedAsync(Rails, "looking for the Mastodon account", reporter, ct,
            $"puts(Account.find_local('{spec.Username}') ? 'fediversity:present' : 'fediversity:absent')\n");

        if (probe.Output.Contains("fediversity:absent", StringComparison.Ordinal))
        {
            // tootctl prints the password it generated; it is replaced below and never shown.
            await ssh.RunCheckedAsync(
                $"mastodon-tootctl accounts create {name} --email {ShellQuote.Quote(spec.Email)} --confirmed "
                + "--role Owner >/dev/null",
                "tootctl accounts create", reporter, ct);
            await ssh.RunCheckedAsync($"mastodon-tootctl accounts approve {name}", "tootctl accounts approve",
                reporter, ct);
            reporter.Report($"tootctl made the Mastodon owner '{spec.Username}'");
        }
        else
        {
            reporter.Report($"the Mastodon account '{spec.Username}' is there already; taking it over");
        }

        var password = Convert.ToBase64String(Encoding.UTF8.GetBytes(spec.Password.Reveal()));
        var script = string.Join('\n',
            $"user = Account.find_local('{spec.Username}')&.user or abort('fediversity: no such account')",
            $"password = Base64.strict_decode64('{password}').force_encoding('UTF-8')",
            "user.update!(password: password, password_confirmation: password)",
            "puts 'fediversity: password set'",
            string.Empty);
        await ssh.RunCheckedAsync(Rails, "setting the Mastodon owner's password", reporter, ct, script);
    }
}
