using Fediversity.Configuration.Environment;
using Fediversity.Configurator;
using Fediversity.Providers;
using Fediversity.Resources.Providers;
using Fediversity.Sandbox;

namespace Fediversity.Cli.Hosting;

/// <summary>
/// A hosting environment bound to this machine: its secrets read from their files and a provider for
/// every kind of resource it needs.
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

    public static EnvironmentBinding Bind(HostingEnvironment environment, string stateDirectory, TimeProvider time)
    {
        var latency = Latency(environment);
        var needsSandbox = environment.Machines is SandboxMachines || environment.Storage is SandboxStorage ||
            environment.Dns is SandboxDns;
        var world = needsSandbox ? new SandboxWorld(Path.Combine(stateDirectory, "sandbox"), latency, time) : null;

        var unsupported = new List<string>();
        if (environment.Machines is not SandboxMachines)
        {
            unsupported.Add($"machines of type '{TypeName(environment.Machines)}'");
        }

        if (environment.Storage is not SandboxStorage)
        {
            unsupported.Add($"storage of type '{TypeName(environment.Storage)}'");
        }

        if (environment.Dns is not SandboxDns)
        {
            unsupported.Add($"DNS of type '{TypeName(environment.Dns)}'");
        }

        if (unsupported.Count > 0)
        {
            throw new CliException(
                $"The environment '{environment.Name}' uses {string.Join(", ", unsupported)}, which this release " +
                "of Fediversity cannot drive yet; only the sandbox types are supported. See 'Known limitations' " +
                "in the README.");
        }

        var providers = new ProviderRegistry([.. LocalProviders.All(), .. SandboxProviders.For(world!)]);
        return new EnvironmentBinding(environment, EnvironmentSecretFiles.Read(environment), providers, world);
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

    private static string TypeName(object part) => part.GetType().Name switch
    {
        "ProxmoxMachines" => "proxmox",
        "StaticMachines" => "static",
        "GarageStorage" => "garage",
        "PowerDnsService" => "powerdns",
        "Rfc2136Dns" => "rfc2136",
        var other => other,
    };
}
