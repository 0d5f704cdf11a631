using Fediversity.Resources.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fediversity.Providers.Rfc2136;

/// <summary>The providers of DNS zones and records on a server that takes RFC 2136 dynamic updates.</summary>
public static class Rfc2136Providers
{
    /// <summary>Makes the <c>dns-zone</c> and <c>dns-record</c> providers for one DNS server.</summary>
    /// <param name="options">Where the server is and the TSIG key that signs every message.</param>
    /// <param name="time">The clock that dates the TSIG signatures.</param>
    /// <param name="logger">Where the messages are logged, at Debug; nowhere when <c>null</c>.</param>
    public static IReadOnlyList<ResourceProvider> For(
        Rfc2136Options options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        var client = new Rfc2136Client(options, time, logger ?? NullLogger.Instance);
        return [new Rfc2136ZoneProvider(client), new Rfc2136RecordProvider(client)];
    }
}
