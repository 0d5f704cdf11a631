using System.CommandLine;
using Fediversity.Cli.Hosting;

namespace Fediversity.Cli.Commands;

/// <summary><c>--state</c>, <c>--database</c> and <c>--key-file</c>: where a command finds the state.</summary>
internal sealed class StateOptions
{
    public Option<string?> Directory { get; } = new("--state")
    {
        Description = "The folder that holds Fediversity's state: the SQLite database unless --database is given, " +
            "the key file, the sandbox's records (default: ~/.local/share/fediversity).",
        HelpName = "DIR",
    };

    public Option<string?> Database { get; } = new("--database")
    {
        Description = "Keep the state in this PostgreSQL database instead of the folder, for example " +
            "'Host=db.internal;Database=fediversity;Username=fedi;Password=...' (default: the " +
            $"{StateLocation.DatabaseVariable} environment variable).",
        HelpName = "CONNECTION",
    };

    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = "The file with the key that encrypts the stored secrets; every process sharing a database " +
            $"needs the same one (default: {StateLocation.KeyFileVariable}, or state.key in the --state folder).",
        HelpName = "FILE",
    };

    /// <summary>Adds the three options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Directory);
        command.Options.Add(Database);
        command.Options.Add(KeyFile);
    }

    public StateLocation Read(ParseResult result) =>
        StateLocation.Resolve(result.GetValue(Directory), result.GetValue(Database), result.GetValue(KeyFile));
}
