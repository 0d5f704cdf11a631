using Fediversity.Cli.Hosting;
using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;
using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Execution;
using Fediversity.Orchestrator.State;
using Fediversity.Panel.Data;

namespace Fediversity.Panel.Hosting;

/// <summary>
/// The orchestrator as the command line uses it: the hosting environment bound to its providers, the
/// state store, and a runner over both. Opened once when the panel starts.
/// </summary>
internal sealed class PanelOrchestrator
{
    private PanelOrchestrator(EnvironmentBinding binding, StateStore store, int parallelism)
    {
        Binding = binding;
        Store = store;
        Runner = new DeploymentRunner(store, binding.Providers, store.Time)
        {
            Options = new ExecutorOptions { Parallelism = parallelism },
        };
    }

    public EnvironmentBinding Binding { get; }

    public HostingEnvironment Environment => Binding.Environment;

    public StateStore Store { get; }

    public DeploymentRunner Runner { get; }

    public static async Task<PanelOrchestrator> OpenAsync(PanelOptions options, CancellationToken cancellationToken)
    {
        var environment = Inputs.Environment(options.Environment);
        var directory = options.ResolvedStateDirectory;
        var state = StateLocation.Resolve(directory, options.StateDatabase, options.StateKeyFile);
        var store = await Session.OpenStoreAsync(state, cancellationToken);
        var binding = EnvironmentBinding.Bind(environment, directory, TimeProvider.System, store.Permits);
        return new PanelOrchestrator(binding, store, Math.Max(1, options.Parallelism));
    }

    /// <summary>The environment as one operator sees it: the staff's limits and offer for it, where set.</summary>
    public HostingEnvironment EnvironmentFor(OperatorAccount account)
    {
        var limits = Environment.Limits;
        limits = limits with
        {
            Vms = account.LimitVms ?? limits.Vms,
            Vcpus = account.LimitVcpus ?? limits.Vcpus,
            MemoryMiB = account.LimitMemoryMiB ?? limits.MemoryMiB,
            DiskGiB = account.LimitDiskGiB ?? limits.DiskGiB,
        };
        return Environment with { Limits = limits, Offered = Offered(account) };
    }

    /// <summary>The applications the operator may deploy.</summary>
    public IReadOnlyList<ApplicationName> Offered(OperatorAccount account)
    {
        var offered = Enum.GetValues<ApplicationName>().Where(Environment.Offers);
        if (!string.IsNullOrWhiteSpace(account.OfferedApplications))
        {
            var chosen = account.OfferedApplications.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            offered = offered.Where(a => chosen.Contains(a.ToString(), StringComparer.OrdinalIgnoreCase));
        }

        return [.. offered];
    }
}
