using Fediversity.Resources;

namespace Fediversity.Providers.Rfc2136;

/// <summary>How to reach a DNS server that takes RFC 2136 dynamic updates signed with TSIG.</summary>
/// <param name="Server">The server's IP address or host name.</param>
/// <param name="Port">The server's DNS port, usually 53.</param>
/// <param name="TsigKeyName">The TSIG key's name, as the server knows it.</param>
/// <param name="TsigAlgorithm">The TSIG algorithm, for example <c>hmac-sha256</c>.</param>
/// <param name="TsigSecret">The TSIG key's secret, in base64 as the server's configuration holds it.</param>
public sealed record Rfc2136Options(
    string Server, int Port, string TsigKeyName, string TsigAlgorithm, Secret TsigSecret)
{
    /// <summary>How long to wait for the server's answer to one message.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
