using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fediversity.Bench.Harness;

/// <summary>
/// Counts what the state store sends to its database, on any database. A write is one statement that changes
/// rows (INSERT, UPDATE, DELETE, an upsert), whether sent alone or with others in one command; every command is
/// one round trip. Only commands on a database whose file or name holds <c>scope</c> count, so that other stores
/// of the same process (a test run's, a warm-up world's) are left out.
/// </summary>
public sealed class StoreWriteCounter(string scope) : CommandListener
{
    private long writes;
    private long reads;
    private long commands;

    public StoreCounts Counts =>
        new(Interlocked.Read(ref writes), Interlocked.Read(ref reads), Interlocked.Read(ref commands));

    protected override void Executed(CommandExecutedEventData command)
    {
        if (!InScope(command.Connection))
        {
            return;
        }

        Interlocked.Increment(ref commands);
        var changing = Writes(command.Command.CommandText);
        Interlocked.Add(ref writes, changing);
        if (changing == 0)
        {
            Interlocked.Increment(ref reads);
        }
    }

    private bool InScope(System.Data.Common.DbConnection? connection) =>
        connection is not null &&
        (connection.DataSource.Contains(scope, StringComparison.Ordinal) ||
            connection.Database.Contains(scope, StringComparison.Ordinal));

    /// <summary>The statements of a command that change rows: a command may carry several, as a batched save
    /// or the store's one-command step result does.</summary>
    private static int Writes(string sql) =>
        sql.Split(';').Select(s => s.TrimStart()).Count(s =>
            s.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));
}
