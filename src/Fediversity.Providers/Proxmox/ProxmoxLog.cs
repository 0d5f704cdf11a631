using Microsoft.Extensions.Logging;

namespace Fediversity.Providers.Proxmox;

/// <summary>The Proxmox VE provider's log messages; event ids 4300 to 4399.</summary>
internal static partial class ProxmoxLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Debug, Message = "Proxmox {Method} {Path} -> {Status}")]
    public static partial void Called(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Debug, Message = "Proxmox task {Upid} ended: {ExitStatus}")]
    public static partial void TaskEnded(ILogger logger, string upid, string exitStatus);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning,
        Message = "Proxmox: {Action} hit a lock ({Reason}); trying again in {DelayMs} ms")]
    public static partial void LockRetry(ILogger logger, string action, string reason, double delayMs);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information,
        Message = "Proxmox: vmid {VmId} was taken meanwhile; asking for another")]
    public static partial void VmIdTaken(ILogger logger, int vmId);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Debug,
        Message = "Proxmox task {Upid} not known yet (HTTP {Status}); asking again")]
    public static partial void TaskNotYetKnown(ILogger logger, string upid, int status);
}
