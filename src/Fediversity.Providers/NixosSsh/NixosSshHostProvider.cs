using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Fediversity.Providers.NixosSsh.Host;
using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.NixosSsh;

/// <summary>
/// Pushes a NixOS configuration and its secret files to a machine over SSH and switches to it. The machine
/// must present its pinned host key; one that does not is refused before anything is sent. Secret files go
/// first, each with its owner, group and mode, then <c>/etc/nixos/configuration.nix</c>; the switch runs in a
/// transient systemd unit, so a dropped connection does not stop it, and is followed to its end. Last, the
/// application's units must be active and its domain must answer over HTTP on the machine.
/// </summary>
/// <remarks>
/// Known shortcoming: a secret file that a new configuration no longer lists stays on the machine until the
/// resource is deleted, because an update is not told the previous inputs.
/// </remarks>
internal sealed class NixosSshHostProvider(NixosSshOptions options, TimeProvider time, KnownMachines machines)
    : ResourceProvider
{
    public const string ConfigurationPath = "/etc/nixos/configuration.nix";

    public override string Kind => NixosHostKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with
    {
        ReplaceOn = [NixosHostKind.HostName],
        UpdateNotes = ImmutableDictionary<string, string>.Empty
            .Add(NixosHostKind.Configuration, "switches the machine; services whose configuration changed restart"),
    };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var target = Target(request);
        var configuration = request.Text(NixosHostKind.Configuration);
        var secrets = SecretFile.From(request);
        var reporter = request.Reporter;

        using var ssh = await SshConnection.OpenAsync(target, options, time, cancellationToken);
        machines.Remember(target);
        reporter.Report($"connected to {target.HostName} at {target.Address}; its host key is the pinned one");

        var ownerless = new List<SecretFile>();
        foreach (var file in secrets)
        {
            if (!await RemoteFiles.WriteAsync(ssh, file, "0711", reporter, cancellationToken))
            {
                ownerless.Add(file);
            }
        }

        var config = new SecretFile(ConfigurationPath, configuration, "root", "root", "0644");
        await RemoteFiles.WriteAsync(ssh, config, "0755", reporter, cancellationToken);
        reporter.Report($"uploaded {secrets.Count} secret files and {ConfigurationPath}");

        await new SwitchJob(ssh, target.HostName, options, time, reporter).RunAsync(cancellationToken);
        reporter.Report($"{target.HostName} switched to the new configuration");

        var app = DeployedApplication.Detect(configuration);
        if (ownerless.Count > 0)
        {
            // Their owners were made by the switch; the services that read them start again with them readable.
            await RemoteFiles.ChownAsync(ssh, ownerless, reporter, cancellationToken);
            if (app is not null)
            {
                await ssh.RunCheckedAsync($"systemctl try-restart {string.Join(' ', app.Units)}",
                    "restarting the application", reporter, cancellationToken);
            }

            reporter.Report($"gave {ownerless.Count} secret files to the owners the switch made");
        }

        if (app is not null)
        {
            await new HealthCheck(ssh, target.HostName, options, time, reporter).WaitAsync(app, cancellationToken);
        }

        return Outputs.Of((NixosHostKind.ConfigurationHash, ResourceValue.Of(Hash(configuration))));
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var target = Target(record);
        var paths = record.Inputs.GetValueOrDefault(NixosHostKind.SecretFileModes) is MapValue m
            ? m.Entries.Keys.ToList()
            : [];

        using var ssh = await SshConnection.OpenAsync(target, options, time, cancellationToken);
        foreach (var path in paths)
        {
            _ = SecretFile.Parse(path, string.Empty, "root:root:0400");
            await ssh.RunCheckedAsync($"rm -f -- {ShellQuote.Quote(path)}", $"removing {path}", reporter,
                cancellationToken);
        }

        // The configuration stays: it is what the machine runs until the machine itself is removed.
        reporter.Report($"removed {paths.Count} secret files from {target.HostName}");
    }

    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var target = Target(record);
        using var ssh = await SshConnection.OpenAsync(target, options, time, cancellationToken);
        machines.Remember(target);

        var configuration = await RemoteFiles.ReadAsync(ssh, ConfigurationPath, NoReporter.Instance,
            cancellationToken);
        return configuration is null
            ? null
            : new ResourceReading(
                record.Inputs.SetItem(NixosHostKind.Configuration, ResourceValue.Of(configuration)), record.Outputs);
    }

    internal static string Hash(string configuration) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuration)));

    private static SshTarget Target(ResourceRequest request) => new(
        request.Text(NixosHostKind.HostName),
        request.Text(NixosHostKind.Address),
        PinnedHostKey.Parse(request.Text(NixosHostKind.HostKey)),
        request.Secret(NixosHostKind.PrivateKey));

    private static SshTarget Target(ResourceRecord record) =>
        KnownMachines.From(
            record.Input(NixosHostKind.HostName) ?? record.Address.ToString(),
            record.Input(NixosHostKind.Address)
                ?? throw new ProviderException($"{record.Address} has no recorded address"),
            record.Input(NixosHostKind.HostKey),
            record.Inputs.GetValueOrDefault(NixosHostKind.PrivateKey) is SecretValue s ? s.Secret : null)
        ?? throw new ProviderException($"{record.Address} has no recorded host key or deploy key");
}
