using System.Net;
using System.Net.Sockets;

namespace Fediversity.Tests.Providers.PowerDns;

/// <summary>Ports on 127.0.0.1 that are free for both TCP and UDP at the time of asking.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }

        throw new InvalidOperationException("No free loopback port was found for TCP and UDP together.");
    }
}
