using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Logging;

namespace Fediversity.Providers.Rfc2136;

/// <summary>The RFC 2136 providers' log messages; event ids 4200 to 4299.</summary>
internal static partial class Rfc2136Log
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug,
        Message = "DNS query {Name} {Type} to {Server}:{Port} -> {ReturnCode}")]
    public static partial void Queried(
        ILogger logger, string name, RecordType type, string server, int port, ReturnCode? returnCode);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug,
        Message = "DNS update of zone {Zone} to {Server}:{Port} -> {ReturnCode}")]
    public static partial void Updated(ILogger logger, string zone, string server, int port, ReturnCode? returnCode);
}
