using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// SQL statements sent to the store's database as one command, one round trip, with their values as
/// parameters; the writes of a transaction that are commands travel together as one. The store writes this way
/// where EF Core's change tracker would first read every row it changes, and where it would send each write on
/// its own: each round trip waits for a database server that may share the machine's processors. Statements
/// must be SQL that SQLite and PostgreSQL both accept, over the tables and quoted column names
/// <see cref="StateDbContext"/> maps, with no braces but the placeholders <see cref="Parameter"/> returns.
/// </summary>
internal sealed partial class StoreCommand
{
    private readonly StringBuilder sql = new();
    private readonly List<object> parameters = [];

    /// <summary>Adds one statement, ending it with a semicolon.</summary>
    public StoreCommand Statement(string statement)
    {
        sql.Append(statement.TrimEnd().TrimEnd(';')).AppendLine(";");
        return this;
    }

    /// <summary>Adds a value as a parameter and returns its placeholder, to be written into a statement.</summary>
    public string Parameter(object value)
    {
        parameters.Add(value);
        return Placeholder(parameters.Count - 1);
    }

    /// <summary>Adds the statements of <paramref name="other"/> after these, with their parameters.</summary>
    public void Append(StoreCommand other)
    {
        var offset = parameters.Count;
        sql.Append(PlaceholderPattern().Replace(other.sql.ToString(), m =>
            Placeholder(offset + int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture))));
        parameters.AddRange(other.parameters);
    }

    /// <summary>Sends the statements in the context's connection and transaction.</summary>
    /// <returns>The rows the statements changed, all together.</returns>
    public Task<int> ExecuteAsync(StateDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);

    private static string Placeholder(int index) => "{" + index.ToString(CultureInfo.InvariantCulture) + "}";

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex PlaceholderPattern();
}
