using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fediversity.Bench.Harness;

/// <summary>
/// Counts what the state store sends to its database, from EF Core's own diagnostic events, so that the
/// store is measured as it ships, on any database, with no hook of its own. A write is one command that
/// changes rows (INSERT, UPDATE, DELETE, an upsert); a save is one SaveChanges, that is one transaction. Only
/// commands on a database whose file or name holds <c>scope</c> count, so that other stores of the same process
/// (a test run's, a warm-up world's) are left out.
/// </summary>
public sealed class StoreWriteCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>,
    IDisposable
{
    private static readonly string SaveCompleted = CoreEventId.SaveChangesCompleted.Name!;
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;

    private readonly List<IDisposable> subscriptions = [];
    private long writes;
    private long reads;
    private long saves;

    private readonly string scope;

    public StoreWriteCounter(string scope)
    {
        this.scope = scope;
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public StoreCounts Counts =>
        new(Interlocked.Read(ref writes), Interlocked.Read(ref reads), Interlocked.Read(ref saves));

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == SaveCompleted || name == CommandExecuted));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is SaveChangesCompletedEventData saved && InScope(saved.Context?.Database.GetDbConnection()))
        {
            Interlocked.Increment(ref saves);
        }
        else if (value.Value is CommandExecutedEventData executed && InScope(executed.Connection))
        {
            if (IsWrite(executed.Command.CommandText))
            {
                Interlocked.Increment(ref writes);
            }
            else
            {
                Interlocked.Increment(ref reads);
            }
        }
    }

    private bool InScope(System.Data.Common.DbConnection? connection) =>
        connection is not null &&
        (connection.DataSource.Contains(scope, StringComparison.Ordinal) ||
            connection.Database.Contains(scope, StringComparison.Ordinal));

    private static bool IsWrite(string sql)
    {
        var text = sql.TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
            subscriptions.Clear();
        }
    }
}
