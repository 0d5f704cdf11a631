using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>
/// Pushes a NixOS configuration and its secret files to a stand-in machine and switches to it. The
/// machine's host key must be the one pinned when it was made; a machine whose key differs is refused.
/// Without a hypervisor the configurations only go into each machine's folder, whoever made the machine.
/// </summary>
public sealed class SandboxNixosHostProvider(SandboxHypervisor? hypervisor, SandboxMachines machines)
    : ResourceProvider
{
    public override string Kind => NixosHostKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with { ReplaceOn = [NixosHostKind.HostName] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var hostName = request.Text(NixosHostKind.HostName);
        var vm = hypervisor is null ? null : hypervisor.FindByName(hostName)
            ?? throw new ProviderException($"machine '{hostName}' does not exist; apply again to make it");
        if (vm is not null && vm.HostKey != request.Text(NixosHostKind.HostKey))
        {
            throw new ProviderException(
                $"machine '{hostName}' presents a host key that differs from the one pinned when it was made; " +
                "it was not touched. If the machine was rebuilt on purpose, replace it with a new apply.");
        }

        var configuration = request.Text(NixosHostKind.Configuration);
        var secrets = SecretFiles(request);
        request.Reporter.Report($"uploading configuration.nix and {secrets.Count} secret files");
        request.Reporter.Report("switching to the new configuration");
        await machines.DeployAsync(hostName, configuration, secrets, cancellationToken);
        request.Reporter.Report("switched");

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuration)));
        return Outputs.Of((NixosHostKind.ConfigurationHash, ResourceValue.Of(hash)));
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var hostName = record.Input(NixosHostKind.HostName)!;
        var paths = record.Inputs.GetValueOrDefault(NixosHostKind.SecretFileModes) is MapValue m ? m.Entries.Keys : [];
        if (hypervisor?.FindByName(hostName) is null && hypervisor is not null || !machines.Remove(hostName, paths))
        {
            reporter.Report($"machine '{hostName}' had no configuration left");
        }

        return Task.CompletedTask;
    }

    public override Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var hostName = record.Input(NixosHostKind.HostName)!;
        var configuration = hypervisor is not null && hypervisor.FindByName(hostName) is null
            ? null
            : machines.ReadConfiguration(hostName);
        return Task.FromResult(configuration is null
            ? null
            : new ResourceReading(
                record.Inputs.SetItem(NixosHostKind.Configuration, ResourceValue.Of(configuration)), record.Outputs));
    }

    private static Dictionary<string, (string Content, UnixFileMode Mode)> SecretFiles(ResourceRequest request)
    {
        var contents = request.Inputs.GetValueOrDefault(NixosHostKind.SecretFiles) as MapValue;
        var modes = request.Inputs.GetValueOrDefault(NixosHostKind.SecretFileModes) as MapValue;
        var files = new Dictionary<string, (string, UnixFileMode)>(StringComparer.Ordinal);

        foreach (var (path, value) in contents?.Entries ?? ImmutableSortedDictionary<string, ResourceValue>.Empty)
        {
            var content = value switch
            {
                SecretValue s => s.Secret.Reveal(),
                TextValue t => t.Text,
                _ => throw new ProviderException($"secret file {path} has no content"),
            };
            var mode = modes?.Entries.GetValueOrDefault(path) is TextValue m ? ParseMode(m.Text) : UnixFileMode.UserRead;
            files[path] = (content, mode);
        }

        return files;
    }

    /// <summary>The mode part of <c>owner:group:0440</c>.</summary>
    private static UnixFileMode ParseMode(string ownerGroupMode) =>
        (UnixFileMode)Convert.ToInt32(ownerGroupMode.Split(':')[^1], 8);
}
