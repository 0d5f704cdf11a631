using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>The SSH connection dropped while a command ran; whether the command ran is not known.</summary>
public sealed class ConnectionLostException : ProviderException
{
    public ConnectionLostException()
    {
        IsTransient = true;
    }

    public ConnectionLostException(string message)
        : base(message)
    {
        IsTransient = true;
    }

    public ConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
        IsTransient = true;
    }
}
