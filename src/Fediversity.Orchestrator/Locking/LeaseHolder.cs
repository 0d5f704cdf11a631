using System.Diagnostics;

namespace Fediversity.Orchestrator.Locking;

/// <summary>Who holds a deployment's lease: a name for people, and the machine and process that run it.</summary>
public sealed record LeaseHolder(string Name, string Machine, int ProcessId)
{
    /// <summary>This process, named as <c>user@machine (pid N)</c>.</summary>
    public static LeaseHolder Current() => new(
        $"{Environment.UserName}@{Environment.MachineName} (pid {Environment.ProcessId})",
        Environment.MachineName,
        Environment.ProcessId);

    /// <summary>
    /// Whether the holder is a process of this machine that no longer runs: then its lease can be taken at
    /// once instead of waiting for it to expire. A holder on another machine is judged by expiry alone.
    /// </summary>
    public bool IsDeadLocalProcess()
    {
        if (Machine != Environment.MachineName || ProcessId == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
