using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Fediversity.Tests.Providers.PowerDns;

/// <summary>Asks a DNS server on 127.0.0.1 directly, as a resolver would, without recursion.</summary>
internal static class LoopbackDns
{
    public static async Task<DnsMessage> QueryAsync(int port, string name, RecordType type)
    {
        using var client = new DnsClient(
            [IPAddress.Loopback], [new UdpClientTransport(port), new TcpClientTransport(port)],
            disposeTransport: true, queryTimeout: 5000);
        return await client.ResolveAsync(
                DomainName.Parse(name), type, RecordClass.INet, new DnsQueryOptions { IsRecursionDesired = false },
                TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"The DNS server on port {port} did not answer for {name} {type}.");
    }

    public static async Task<IReadOnlyList<string>> DataAsync(int port, string name, RecordType type)
    {
        var answer = await QueryAsync(port, name, type);
        return [.. answer.AnswerRecords.Where(r => r.RecordType == type)
            .Select(r => r.ToString().Split(' ', 5)[4]).Order(StringComparer.Ordinal)];
    }
}
