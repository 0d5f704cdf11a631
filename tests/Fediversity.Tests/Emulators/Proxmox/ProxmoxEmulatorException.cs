namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>An error answer as Proxmox VE sends it: the status, the message as the status line's reason and
/// in the body, and, for a parameter that fails verification, the reason per parameter.</summary>
public sealed class ProxmoxEmulatorException : Exception
{
    public ProxmoxEmulatorException()
    {
    }

    public ProxmoxEmulatorException(string message)
        : base(message)
    {
    }

    public ProxmoxEmulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProxmoxEmulatorException(int status, string message, IReadOnlyDictionary<string, string>? errors = null)
        : base(message)
    {
        Status = status;
        Errors = errors;
    }

    public int Status { get; } = 500;

    public IReadOnlyDictionary<string, string>? Errors { get; }

    /// <summary>A parameter failed verification: 400 with the reason under the parameter's name.</summary>
    public static ProxmoxEmulatorException Parameter(string name, string reason) =>
        new(400, "Parameter verification failed.", new Dictionary<string, string> { [name] = reason });
}
