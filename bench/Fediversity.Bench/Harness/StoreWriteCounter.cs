using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fediversity.Bench.Harness;

/// <summary>
/// Counts what the state store sends to its database, from EF Core's own diagnostic events, so that the
/// store is measured as it ships, on any database, with no hook of its own. A write is one statement that
/// changes rows (INSERT, UPDATE, DELETE, an upsert), whether sent alone or with others in one command; every
/// command is one round trip. Only commands on a database whose file or name holds <c>scope</c> count, so that
/// other stores of the same process (a test run's, a warm-up world's) are left out.
/// </summary>
public sealed class StoreWriteCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>,
    IDisposable
{
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;

    private readonly List<IDisposable> subscriptions = [];
    private long writes;
    private long reads;
    private long commands;

    private readonly string scope;

    public StoreWriteCounter(string scope)
    {
        this.scope = scope;
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public StoreCounts Counts =>
        new(Interlocked.Read(ref writes), Interlocked.Read(ref reads), Interlocked.Read(ref commands));

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == CommandExecuted));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed && InScope(executed.Connection))
        {
            Interlocked.Increment(ref commands);
            var changing = Writes(executed.Command.CommandText);
            Interlocked.Add(ref writes, changing);
            if (changing == 0)
            {
                Interlocked.Increment(ref reads);
            }
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
