using System.ComponentModel;

namespace Fediversity.Configuration.Environment;

/// <summary>
/// Configurations are written into a folder of the state directory, one per machine, instead of being
/// pushed: for trying real machine, storage and DNS providers before the machines answer SSH.
/// </summary>
[Description("Write each machine's configuration into a folder of the state directory instead of pushing it; " +
    "for trying an environment before its machines answer SSH.")]
public sealed record FolderAccess : HostAccess;
