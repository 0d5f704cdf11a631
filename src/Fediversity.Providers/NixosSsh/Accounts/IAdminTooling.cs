using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Accounts;

/// <summary>An application's own administration tools, driven over SSH on its machine.</summary>
internal interface IAdminTooling
{
    /// <summary>
    /// Makes the administrator with the given password, or, when an account of that name is already there
    /// (left by a run that stopped before it could note it), takes it over. The password only ever travels on
    /// standard input.
    /// </summary>
    Task EnsureAsync(SshConnection ssh, AdminAccountSpec spec, IStepReporter reporter, CancellationToken ct);
}
