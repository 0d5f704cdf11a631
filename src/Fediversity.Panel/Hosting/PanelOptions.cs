namespace Fediversity.Panel.Hosting;

/// <summary>The panel's settings, read from the <c>Panel</c> section (appsettings, environment, command line).</summary>
internal sealed class PanelOptions
{
    public const string Section = "Panel";

    /// <summary>Where the panel keeps its SQLite database, the job store and the orchestrator's state.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>A PostgreSQL connection string; when empty the panel uses SQLite files in the data folder.</summary>
    public string? Database { get; set; }

    /// <summary>The hosting environment: <c>sandbox</c> or the path of an environment file.</summary>
    public string Environment { get; set; } = "sandbox";

    /// <summary>The orchestrator's state folder; by default <c>state</c> inside the data folder.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>
    /// A PostgreSQL connection string for the orchestrator's state store, so that panels on several machines
    /// share it; a database of its own, not the one in <see cref="Database"/>. When empty, SQLite in the state
    /// folder.
    /// </summary>
    public string? StateDatabase { get; set; }

    /// <summary>The key file of the state store's secrets; by default <c>state.key</c> in the state folder.</summary>
    public string? StateKeyFile { get; set; }

    /// <summary>Whether this process runs deployments; false for a panel that only serves pages.</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>How many deployments this process runs at once (each operator's one at a time).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How many steps of one deployment may run at once.</summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>
    /// Minutes between two refreshes of every operator's resources by the worker, which find what changed
    /// outside Fediversity; 0 turns the periodic refresh off.
    /// </summary>
    public double RefreshMinutes { get; set; } = 60;

    /// <summary>The e-mail of a staff account made at start when no staff account exists yet.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>A file holding that staff account's password.</summary>
    public string? AdminPasswordFile { get; set; }

    public static string DefaultDataDirectory =>
        Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData,
            System.Environment.SpecialFolderOption.DoNotVerify), "fediversity-panel");

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);

    public string ResolvedStateDirectory =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(StateDirectory)
            ? Path.Combine(ResolvedDataDirectory, "state")
            : StateDirectory);

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Database);
}
