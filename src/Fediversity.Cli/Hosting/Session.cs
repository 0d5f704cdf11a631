using Fediversity.Configuration.Environment;
using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Execution;
using Fediversity.Orchestrator.State;

namespace Fediversity.Cli.Hosting;

/// <summary>The state store and the bound environment a command works with.</summary>
public sealed class Session
{
    private Session(string stateDirectory, StateStore store, EnvironmentBinding binding, int parallelism)
    {
        StateDirectory = stateDirectory;
        Store = store;
        Binding = binding;
        Runner = new DeploymentRunner(store, binding.Providers, store.Time)
        {
            Options = new ExecutorOptions { Parallelism = parallelism },
        };
    }

    public string StateDirectory { get; }

    public StateStore Store { get; }

    public EnvironmentBinding Binding { get; }

    public DeploymentRunner Runner { get; }

    public static async Task<Session> OpenAsync(
        string? stateOption, HostingEnvironment environment, int parallelism, CancellationToken cancellationToken)
    {
        if (parallelism < 1)
        {
            throw new CliException("--parallelism must be at least 1.");
        }

        var directory = Hosting.StateDirectory.Resolve(stateOption);
        var binding = EnvironmentBinding.Bind(environment, directory, TimeProvider.System);
        var store = await OpenStoreAsync(directory, cancellationToken);
        return new Session(directory, store, binding, parallelism);
    }

    /// <summary>
    /// Opens the state store and, unless told not to, purges the accounting records whose retention period
    /// has ended, so that nothing is kept longer than the hosting environment says whatever command runs.
    /// </summary>
    public static async Task<StateStore> OpenStoreAsync(
        string directory, CancellationToken cancellationToken, bool purge = true)
    {
        try
        {
            var store = await StateStore.OpenSqliteAsync(directory, TimeProvider.System, cancellationToken);
            if (purge)
            {
                await new OperatorRecords(store).PurgeExpiredAsync(cancellationToken);
            }

            return store;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--state: cannot use '{directory}' as the state folder ({e.Message}); choose " +
                "a folder you can write to.");
        }
    }

    /// <summary>Refuses to mix environments: a deployment is changed with the environment that made it.</summary>
    public async Task CheckEnvironmentAsync(string deployment, CancellationToken cancellationToken)
    {
        var recorded = (await Store.ListDeploymentsAsync(cancellationToken)).FirstOrDefault(d => d.Id == deployment);
        var name = Binding.Environment.Name;
        if (recorded?.Environment is { } environment && environment != name)
        {
            throw new CliException(
                $"--environment: '{deployment}' was deployed with the environment '{environment}', not '{name}'; " +
                "pass that environment's file with --environment.");
        }
    }
}
