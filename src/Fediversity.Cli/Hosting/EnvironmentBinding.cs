using System.Collections.Immutable;
using Fediversity.Configuration.Environment;
using Fediversity.Configurator;
using Fediversity.Providers;
using Fediversity.Providers.Garage;
using Fediversity.Providers.NixosSsh;
using Fediversity.Providers.PowerDns;
using Fediversity.Providers.Proxmox;
using Fediversity.Providers.Rfc2136;
using Fediversity.Resources.Permits;
using Fediversity.Resources.Providers;
using Fediversity.Sandbox;

namespace Fediversity.Cli.Hosting;

/// <summary>
/// A hosting environment bound to this machine: its secrets read from their files and a provider for
/// every kind of resource it needs, each part of the environment from its own kind of service.
/// </summary>
public sealed class EnvironmentBinding
{
    private EnvironmentBinding(HostingEnvironment environment, EnvironmentSecrets secrets, ProviderRegistry providers,
        SandboxWorld? sandbox)
    {
        Environment = environment;
        Secrets = secrets;
        Providers = providers;
        Sandbox = sandbox;
    }

    public HostingEnvironment Environment { get; }

    public EnvironmentSecrets Secrets { get; }

    public ProviderRegistry Providers { get; }

    /// <summary>The stand-in services, when any part of the environment is the sandbox.</summary>
    public SandboxWorld? Sandbox { get; }

    /// <summary>Binds <paramref name="environment"/> to its providers.</summary>
    /// <param name="environment">The hosting environment.</param>
    /// <param name="stateDirectory">The state folder; the sandbox keeps its records under it.</param>
    /// <param name="time">The clock of the providers.</param>
    /// <param name="permits">
    /// Where the providers count their limits across processes (clones per node): the state store's.
    /// </param>
    public static EnvironmentBinding Bind(
        HostingEnvironment environment, string stateDirectory, TimeProvider time, IPermitSource permits)
    {
        var clones = environment.Machines is SandboxMachines sandbox
            ? new SandboxCloneLimit(sandbox.ClonesPerNode, permits)
            : null;
        var world = new Lazy<SandboxWorld>(() =>
            new SandboxWorld(Path.Combine(stateDirectory, "sandbox"), Latency(environment), time, clones));
        var files = new SecretFileReader(environment);

        IEnumerable<ResourceProvider> machines = environment.Machines switch
        {
            SandboxMachines => SandboxProviders.Machines(world.Value),
            StaticMachines listed => Access(environment, listed, files, world, time),
            ProxmoxMachines proxmox =>
            [
                .. Proxmox(environment, proxmox, files, time, permits),
                .. Access(environment, null, files, world, time),
            ],
            _ => throw new CliException("environment: $.machines: unknown machine source."),
        };

        IEnumerable<ResourceProvider> storage = environment.Storage switch
        {
            SandboxStorage => SandboxProviders.Storage(world.Value),
            GarageStorage garage => GarageProviders.For(
                new GarageOptions(garage.AdminEndpoint, files.Read(garage.AdminTokenFile, "$.storage.adminTokenFile"),
                    garage.S3Endpoint, garage.Region),
                null, time),
            _ => throw new CliException("environment: $.storage: unknown storage type."),
        };

        IEnumerable<ResourceProvider> dns = environment.Dns switch
        {
            SandboxDns => SandboxProviders.Dns(world.Value),
            PowerDnsService pdns => PowerDnsProviders.For(
                new PowerDnsOptions(pdns.Url, files.Read(pdns.ApiKeyFile, "$.dns.apiKeyFile"), pdns.ServerId,
                    pdns.Nameservers),
                null, time),
            Rfc2136Dns rfc => Rfc2136Providers.For(
                new Rfc2136Options(rfc.Server, rfc.Port, rfc.TsigKeyName, rfc.TsigAlgorithm,
                    files.Read(rfc.TsigSecretFile, "$.dns.tsigSecretFile")),
                time),
            _ => throw new CliException("environment: $.dns: unknown DNS type."),
        };

        var providers = new ProviderRegistry([.. LocalProviders.All(), .. machines, .. storage, .. dns]);
        return new EnvironmentBinding(environment, EnvironmentSecretFiles.Read(environment), providers,
            world.IsValueCreated ? world.Value : null);
    }

    /// <summary>
    /// Machines on Proxmox VE. When configurations go into a folder nothing signs in to the machines, so
    /// a new machine is not waited for until it answers SSH.
    /// </summary>
    private static IReadOnlyList<ResourceProvider> Proxmox(
        HostingEnvironment environment, ProxmoxMachines proxmox, SecretFileReader files, TimeProvider time,
        IPermitSource permits)
    {
        var pool = proxmox.Addresses is { } a ? new ProxmoxAddressPool(a.Cidr, a.First, a.Last, a.Gateway) : null;
        var options = new ProxmoxOptions(proxmox.Endpoint, proxmox.TokenId,
            files.Read(proxmox.TokenSecretFile, "$.machines.tokenSecretFile"), proxmox.Node, proxmox.Template,
            proxmox.StoragePool, proxmox.Bridge, pool, proxmox.Nameservers)
        {
            ClonesPerNode = proxmox.ClonesPerNode,
            WaitForSsh = environment.Access is not FolderAccess,
            CloudInitUser = environment.Access is SshAccess ssh ? ssh.User : "root",
        };
        return ProxmoxProviders.For(options, null, time, permits: permits);
    }

    /// <summary>
    /// How configurations reach machines that are not the sandbox's: into folders of the sandbox, or over SSH
    /// with the operator's deploy key. Pre-deployed machines add each listed address's port and, for a first
    /// contact, the environment's bootstrap key.
    /// </summary>
    private static IEnumerable<ResourceProvider> Access(HostingEnvironment environment, StaticMachines? machines,
        SecretFileReader files, Lazy<SandboxWorld> world, TimeProvider time)
    {
        if (environment.Access is FolderAccess)
        {
            return SandboxProviders.Folders(world.Value);
        }

        var options = environment.Access is SshAccess ssh
            ? new NixosSshOptions(ssh.User, TimeSpan.FromSeconds(ssh.SwitchTimeoutSeconds))
            : NixosSshOptions.Default;
        if (machines is null)
        {
            return NixosSshProviders.For(options, time);
        }

        var ports = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var host in machines.Hosts)
        {
            if (ports.TryGetValue(host.Address, out var other) && other != host.Port)
            {
                throw new CliException($"environment: $.machines.hosts: {host.Address} is listed with the SSH ports "
                    + $"{other} and {host.Port}; one address has one SSH port, so give each machine its own address.");
            }

            ports[host.Address] = host.Port;
        }

        options = options with
        {
            Ports = ports.ToImmutable(),
            BootstrapKey = machines.BootstrapKeyFile is { } file
                ? files.Read(file, "$.machines.bootstrapKeyFile")
                : null,
        };
        try
        {
            return NixosSshProviders.For(options, time);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"environment: $.machines.bootstrapKeyFile: the file '{machines.BootstrapKeyFile}' "
                + "holds no private SSH key Fediversity can sign in with; put the unencrypted private key there "
                + "(OpenSSH or PEM form) whose public half the machines let root in with.", e);
        }
    }

    private static SandboxLatency Latency(HostingEnvironment environment)
    {
        var machines = environment.Machines as SandboxMachines;
        var storage = environment.Storage as SandboxStorage;
        var dns = environment.Dns as SandboxDns;
        return new SandboxLatency(
            TimeSpan.FromMilliseconds(machines?.CloneMs ?? 0),
            TimeSpan.FromMilliseconds(machines?.StartMs ?? 0),
            TimeSpan.FromMilliseconds(machines?.SwitchMs ?? 0),
            TimeSpan.FromMilliseconds(storage?.OperationMs ?? 0),
            TimeSpan.FromMilliseconds(dns?.OperationMs ?? 0));
    }
}
