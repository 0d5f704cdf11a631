using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fediversity.Tests.Panel;

/// <summary>
/// Counts the queries that read deployment events from one panel's SQLite database, from EF Core's own
/// diagnostic events, so that what the live channel costs the database is measured as it ships.
/// </summary>
internal sealed class EventReadCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>,
    IDisposable
{
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;

    private readonly string folder;
    private readonly List<IDisposable> subscriptions = [];
    private int reads;

    /// <summary>Counts reads of the database files under <paramref name="dataFolder"/>.</summary>
    public EventReadCounter(string dataFolder)
    {
        folder = Path.GetFullPath(dataFolder);
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public int Reads => Volatile.Read(ref reads);

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
        if (value.Value is CommandExecutedEventData executed &&
            executed.Command.Connection?.DataSource?.StartsWith(folder, StringComparison.Ordinal) == true &&
            executed.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) &&
            executed.Command.CommandText.Contains("panel_deployment_events", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref reads);
        }
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
