using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fediversity.Bench.Harness;

/// <summary>
/// Hears every command EF Core sends to a database in this process, from EF Core's own diagnostic events, so that
/// what Fediversity asks of its databases is measured as it ships, with no hook of its own. Listening starts when
/// the listener is made and stops when it is disposed.
/// </summary>
public abstract class CommandListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>,
    IDisposable
{
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;

    private readonly List<IDisposable> subscriptions = [];

    /// <summary>Starts listening.</summary>
    protected CommandListener()
    {
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>Called for every command executed, on the thread that ran it.</summary>
    protected abstract void Executed(CommandExecutedEventData command);

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
        if (value.Value is CommandExecutedEventData executed)
        {
            Executed(executed);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
            subscriptions.Clear();
        }

        GC.SuppressFinalize(this);
    }
}
