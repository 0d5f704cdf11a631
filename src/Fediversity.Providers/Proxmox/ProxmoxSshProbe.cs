using System.Net.Sockets;

namespace Fediversity.Providers.Proxmox;

/// <summary>Whether a machine answers SSH: a TCP connection to its port 22 that opens.</summary>
public static class ProxmoxSshProbe
{
    /// <summary>Tries once to open port 22 of <paramref name="address"/>, for at most five seconds.</summary>
    public static async Task<bool> AnswersAsync(string address, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(address, 22, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException &&
            !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
