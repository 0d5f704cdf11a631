using Microsoft.Extensions.Logging;

namespace Fediversity.Providers.PowerDns;

/// <summary>The PowerDNS providers' log messages; event ids 4100 to 4199.</summary>
internal static partial class PowerDnsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "PowerDNS {Method} {Path} -> {Status}")]
    public static partial void Called(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "PowerDNS {Method} {Path} failed ({Reason}); trying again in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, string reason, double delayMs);
}
