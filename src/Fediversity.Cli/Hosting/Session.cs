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
        StateLocation state, HostingEnvironment environment, int parallelism, CancellationToken cancellationToken)
    {
        if (parallelism < 1)
        {
            throw new CliException("--parallelism must be at least 1.");
        }

        var store = await OpenStoreAsync(state, cancellationToken);
        var binding = EnvironmentBinding.Bind(environment, state.Directory, TimeProvider.System, store.Permits);
        return new Session(state.Directory, store, binding, parallelism);
    }

    /// <summary>
    /// Opens the state store (PostgreSQL when a database is given, else SQLite in the state folder) and, unless
    /// told not to, purges the accounting records whose retention period has ended, so that nothing is kept
    /// longer than the hosting environment says whatever command runs.
    /// </summary>
    public static async Task<StateStore> OpenStoreAsync(
        StateLocation state, CancellationToken cancellationToken, bool purge = true)
    {
        var option = state.Database is null ? "--state" : "--database";
        try
        {
            var store = state.Database is null
                ? await StateStore.OpenSqliteAsync(state.Directory, state.KeyFile, TimeProvider.System,
                    cancellationToken)
                : await StateStore.OpenPostgresAsync(state.Database, state.KeyFile, TimeProvider.System,
                    cancellationToken);
            if (purge)
            {
                await new OperatorRecords(store).PurgeExpiredAsync(cancellationToken);
            }

            return store;
        }
        catch (StateStoreException e)
        {
            throw new CliException($"{option}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var path = state.Database is null ? state.Directory : state.KeyFile;
            throw new CliException($"{option}: cannot use '{path}' ({e.Message}); choose a place you can write to, " +
                "or give the key file with --key-file.");
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
