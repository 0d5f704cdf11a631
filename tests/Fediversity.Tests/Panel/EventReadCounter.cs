using Fediversity.Bench.Harness;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fediversity.Tests.Panel;

/// <summary>
/// Counts the queries that read deployment events from one panel's SQLite database, so that what the live
/// channel costs the database is measured as it ships.
/// </summary>
/// <param name="dataFolder">The folder whose database files' reads count.</param>
internal sealed class EventReadCounter(string dataFolder) : CommandListener
{
    // Set before the listening starts, as field initialisers run before the base constructor.
    private readonly string folder = Path.GetFullPath(dataFolder);
    private int reads;

    public int Reads => Volatile.Read(ref reads);

    protected override void Executed(CommandExecutedEventData command)
    {
        if (command.Command.Connection?.DataSource?.StartsWith(folder, StringComparison.Ordinal) == true &&
            command.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) &&
            command.Command.CommandText.Contains("panel_deployment_events", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref reads);
        }
    }
}
