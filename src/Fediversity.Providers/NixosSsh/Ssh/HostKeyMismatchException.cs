using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>
/// A machine presented a host key other than the pinned one. Nothing was sent to it: the connection was
/// dropped during the key exchange, before signing in.
/// </summary>
public sealed class HostKeyMismatchException : ProviderException
{
    public HostKeyMismatchException()
    {
    }

    public HostKeyMismatchException(string message)
        : base(message)
    {
    }

    public HostKeyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
