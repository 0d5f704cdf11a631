using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// Lets SQLite itself wait for a busy database on every connection. Without it, Microsoft.Data.Sqlite
/// retries a busy statement after sleeping 150 ms, so steps that end at the same moment and record
/// their results together each lose up to that long; SQLite's own handler retries within a millisecond
/// or two of the lock being free.
/// </summary>
public sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string pragma = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
