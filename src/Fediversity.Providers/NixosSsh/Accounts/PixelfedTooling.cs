using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Accounts;

/// <summary>
/// Pixelfed's administrator, made with its artisan <c>user:create</c> through nixpkgs' <c>pixelfed-manage</c>.
/// Its options would put the password on the command line, so the command is answered on standard input
/// instead, question by question; <c>SHELL_INTERACTIVE</c> makes Laravel ask although no terminal is there.
/// </summary>
internal sealed class PixelfedTooling : IAdminTooling
{
    public async Task EnsureAsync(SshConnection ssh, AdminAccountSpec spec, IStepReporter reporter,
        CancellationToken ct)
    {
        var password = spec.Password.Reveal();
        var answers = string.Join('\n',
            spec.Username, spec.Username, spec.Email, password, password, "yes", "yes", "yes", string.Empty);
        var result = await ssh.RunCheckedAsync(
            "sudo -u pixelfed env SHELL_INTERACTIVE=1 pixelfed-manage user:create",
            "pixelfed-manage user:create", reporter, ct, answers);

        if (result.Output.Contains("already in use", StringComparison.Ordinal))
        {
            reporter.Report($"the Pixelfed account '{spec.Username}' is there already; taking it over");
        }
        else if (!result.Output.Contains("Created new user", StringComparison.Ordinal))
        {
            throw new ProviderException(
                $"pixelfed-manage user:create did not make '{spec.Username}': {result.Tail()}");
        }
        else
        {
            reporter.Report($"pixelfed-manage made the Pixelfed administrator '{spec.Username}'");
        }
    }
}
