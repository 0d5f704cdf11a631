using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>
/// An application's first administrator on a stand-in machine. An account that exists is kept as it
/// is: a second apply neither makes it again nor changes its password.
/// </summary>
public sealed class SandboxAdminAccountProvider(SandboxMachines machines) : ResourceProvider
{
    public override string Kind => AdminAccountKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with
    {
        ReplaceOn = [AdminAccountKind.Application, AdminAccountKind.HostName, AdminAccountKind.Username],
    };

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var (host, application, username) = Identity(request);
        var made = machines.EnsureAccount(
            host, application, username, request.Text(AdminAccountKind.Email),
            request.Secret(AdminAccountKind.Password).Reveal());
        request.Reporter.Report(made
            ? $"created administrator '{username}' in {application}"
            : $"administrator '{username}' already exists in {application}; kept as it is");
        return Task.FromResult(Outputs.Of((AdminAccountKind.AccountId, ResourceValue.Of($"{application}:{username}"))));
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        // Only the e-mail address or the URL can change in place; the password is never reset by an apply.
        var (host, application, username) = Identity(request);
        return machines.GetAccount(host, application, username) is null
            ? CreateAsync(request, cancellationToken)
            : Task.FromResult(request.PriorOutputs);
    }

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var host = record.Input(AdminAccountKind.HostName)!;
        if (!machines.DeleteAccount(host, record.Input(AdminAccountKind.Application)!, record.Input(AdminAccountKind.Username)!))
        {
            reporter.Report("the account was already gone");
        }

        return Task.CompletedTask;
    }

    private static (string Host, string Application, string Username) Identity(ResourceRequest request) => (
        request.Text(AdminAccountKind.HostName),
        request.Text(AdminAccountKind.Application),
        request.Text(AdminAccountKind.Username));
}
