using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// Proxmox VE refused a call, or a task it ran ended with an exit status other than OK. The detail is
/// Proxmox's own words; <see cref="Status"/> is the HTTP status, or 0 for a failed task.
/// </summary>
public sealed class ProxmoxApiException : ProviderException
{
    public ProxmoxApiException()
    {
    }

    public ProxmoxApiException(string message)
        : base(message)
    {
        Detail = message;
    }

    public ProxmoxApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
    }

    public ProxmoxApiException(string message, int status, string detail)
        : base(message)
    {
        Status = status;
        Detail = detail;
        IsTransient = status >= 500 && !IsMissing || IsLockConflict;
    }

    /// <summary>The HTTP status, or 0 when a task failed.</summary>
    public int Status { get; }

    /// <summary>What Proxmox said.</summary>
    public string Detail { get; } = "";

    /// <summary>The machine was locked by another task, or its lock could not be taken in time.</summary>
    public bool IsLockConflict =>
        Detail.Contains("got timeout", StringComparison.Ordinal) ||
        Detail.Contains("is locked", StringComparison.Ordinal);

    /// <summary>The machine does not exist.</summary>
    public bool IsMissing => Status == 404 || Detail.Contains("does not exist", StringComparison.Ordinal);

    /// <summary>The vmid asked for is taken.</summary>
    public bool IsVmIdTaken => Detail.Contains("already exists", StringComparison.Ordinal);
}
