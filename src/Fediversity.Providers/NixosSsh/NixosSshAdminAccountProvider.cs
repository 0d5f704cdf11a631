using System.Collections.Immutable;
using Fediversity.Providers.NixosSsh.Accounts;
using Fediversity.Providers.NixosSsh.Host;
using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.NixosSsh;

/// <summary>
/// An application's first administrator, made on its machine with the application's own tooling. Once made,
/// the machine keeps a note of it (<c>/var/lib/fediversity/admin-accounts/</c>), and an account with a note is
/// kept as it is: a second apply neither makes it again nor changes its password.
/// </summary>
/// <remarks>
/// Known shortcomings: the admin-account kind carries no SSH keys, so unless a request brings
/// <c>hostKey</c> and <c>privateKey</c> itself, the machine's NixOS host must have been applied or read
/// by the same process first; otherwise the step fails, asking for another apply. Deleting the resource
/// leaves the account in the application, whose data (or machine) removes it.
/// </remarks>
internal sealed class NixosSshAdminAccountProvider(
    NixosSshOptions options, TimeProvider time, KnownMachines machines) : ResourceProvider
{
    private static readonly Dictionary<string, IAdminTooling> Tooling = new(StringComparer.Ordinal)
    {
        ["mastodon"] = new MastodonTooling(),
        ["pixelfed"] = new PixelfedTooling(),
        ["peertube"] = new PeertubeTooling(),
    };

    public override string Kind => AdminAccountKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with
    {
        ReplaceOn = [AdminAccountKind.Application, AdminAccountKind.HostName, AdminAccountKind.Username],
    };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var spec = AdminAccountSpec.From(request);
        var tooling = Tooling.GetValueOrDefault(spec.Application)
            ?? throw new ProviderException($"Fediversity cannot make administrators of '{spec.Application}'");
        var target = Target(request) ?? throw Unknown(request);

        using var ssh = await SshConnection.OpenAsync(target, options, time, cancellationToken);
        if (await RemoteFiles.ReadAsync(ssh, spec.MarkerPath, request.Reporter, cancellationToken) is not null)
        {
            request.Reporter.Report(
                $"administrator '{spec.Username}' already exists in {spec.Application}; kept as it is");
            return AccountId(spec);
        }

        await tooling.EnsureAsync(ssh, spec, request.Reporter, cancellationToken);

        var note = $"made by Fediversity at {time.GetUtcNow():O}\n";
        await RemoteFiles.WriteAsync(ssh, new SecretFile(spec.MarkerPath, note, "root", "root", "0600"), "0700",
            request.Reporter, cancellationToken);
        request.Reporter.Report($"created administrator '{spec.Username}' in {spec.Application}");
        return AccountId(spec);
    }

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        // Only the e-mail address or the URL can change in place; an apply never resets the password.
        var spec = AdminAccountSpec.From(request);
        if (Target(request) is not { } target)
        {
            request.Reporter.Report($"administrator '{spec.Username}' kept as it is");
            return request.PriorOutputs;
        }

        using var ssh = await SshConnection.OpenAsync(target, options, time, cancellationToken);
        return await RemoteFiles.ReadAsync(ssh, spec.MarkerPath, request.Reporter, cancellationToken) is null
            ? await CreateAsync(request, cancellationToken)
            : request.PriorOutputs;
    }

    public override Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        // The account is part of the application's data and goes with its machine or its database.
        reporter.Report($"administrator '{record.Input(AdminAccountKind.Username)}' is left to the application");
        return Task.CompletedTask;
    }

    /// <summary>The keys to sign in with: the request's own when it has them, else those from this run.</summary>
    private SshTarget? Target(ResourceRequest request)
    {
        var address = request.Text(AdminAccountKind.Address);
        var own = KnownMachines.From(request.Text(AdminAccountKind.HostName), address,
            request.OptionalText(NixosHostKind.HostKey),
            request.Inputs.GetValueOrDefault(NixosHostKind.PrivateKey) is SecretValue s ? s.Secret : null);
        return own ?? machines.Find(address);
    }

    private static ProviderException Unknown(ResourceRequest request) => new(
        $"the keys of {request.Text(AdminAccountKind.HostName)} are not known in this run, because its NixOS "
        + "host was not applied or read; apply again with a refresh so that it is")
    { IsTransient = true };

    private static ImmutableSortedDictionary<string, ResourceValue> AccountId(AdminAccountSpec spec) =>
        Outputs.Of((AdminAccountKind.AccountId, ResourceValue.Of($"{spec.Application}:{spec.Username}")));
}
