using Fediversity.Configuration.Environment;
using Fediversity.Configurator;
using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Execution;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.State;
using Fediversity.Providers;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Providers;
using Fediversity.Sandbox;

namespace Fediversity.Bench.Workload;

/// <summary>
/// A fresh sandbox and state store in a folder of their own, wired as the command line wires them, and
/// removed again when the benchmark is done with them.
/// </summary>
public sealed class BenchWorld : IAsyncDisposable
{
    private readonly bool removeWhenDone;

    private BenchWorld(
        string folder, SandboxWorld sandbox, StateStore store, ProviderRegistry providers, bool removeWhenDone)
    {
        this.removeWhenDone = removeWhenDone;
        Folder = folder;
        Sandbox = sandbox;
        Store = store;
        Providers = providers;
        Runner = new DeploymentRunner(store, providers, TimeProvider.System)
        {
            Options = new ExecutorOptions(),
        };
    }

    public string Folder { get; }

    public SandboxWorld Sandbox { get; }

    public StateStore Store { get; }

    public ProviderRegistry Providers { get; }

    public DeploymentRunner Runner { get; }

    public static HostingEnvironment Environment => HostingEnvironment.Sandbox;

    /// <summary>
    /// Makes a world in a new folder under <paramref name="parent"/>. A world that is not removed when done
    /// is left for whoever owns <paramref name="parent"/>: removing a large fleet's files takes minutes.
    /// </summary>
    public static async Task<BenchWorld> OpenAsync(
        string parent, StateBackend backend, SandboxLatency latency, CancellationToken cancellationToken,
        bool removeWhenDone = true)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, Guid.NewGuid().ToString("N"))).FullName;
        var sandbox = new SandboxWorld(Path.Combine(folder, "sandbox"), latency, TimeProvider.System);
        var store = await backend.Open(Path.Combine(folder, "state"), TimeProvider.System, cancellationToken);
        var providers = new ProviderRegistry([.. LocalProviders.All(), .. SandboxProviders.For(sandbox)]);
        return new BenchWorld(folder, sandbox, store, providers, removeWhenDone);
    }

    /// <summary>The operator's desired resources, as the configurator makes them for the sandbox.</summary>
    public static ResourceGraph Graph(string slug)
    {
        var result = ClusterConfigurator.Configure(
            OperatorFactory.Create(slug), Environment, EnvironmentSecrets.None);
        return result.Graph ?? throw new InvalidOperationException(
            $"the benchmark's operator '{slug}' does not fit the sandbox: " +
            string.Join("; ", result.Problems.Select(p => $"{p.Path}: {p.Message}")));
    }

    public Task<ApplyResult> ApplyAsync(
        ResourceGraph graph, IDeploymentEventSink sink, CancellationToken cancellationToken) =>
        Runner.ApplyAsync(
            new ApplyRequest(graph, Environment.Name, _ => true) { Holder = LeaseHolder.Current() },
            sink,
            cancellationToken);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!removeWhenDone)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A folder left behind in the temporary folder is harmless; the figures are already taken.
        }

        return ValueTask.CompletedTask;
    }
}
