namespace Fediversity.Cli.Hosting;

/// <summary>
/// Where a command's state lives: always a folder (the sandbox's records, the default key file, and the
/// SQLite database unless a PostgreSQL database is given), and optionally a PostgreSQL database shared by
/// several processes.
/// </summary>
/// <param name="Directory">The state folder, absolute.</param>
/// <param name="Database">The PostgreSQL connection string, or null for SQLite in the folder.</param>
/// <param name="KeyFile">The file holding the key the stored secrets are encrypted with.</param>
public sealed record StateLocation(string Directory, string? Database, string KeyFile)
{
    /// <summary>The environment variable with the PostgreSQL connection string when --database is not given.</summary>
    public const string DatabaseVariable = "FEDI_DATABASE";

    /// <summary>The environment variable that gives the key file when --key-file does not.</summary>
    public const string KeyFileVariable = "FEDI_KEY_FILE";

    /// <summary>Resolves the options, falling back to the environment variables and the default folder.</summary>
    public static StateLocation Resolve(string? directory, string? database = null, string? keyFile = null)
    {
        if (directory is not null && LooksLikeConnectionString(directory))
        {
            throw new CliException("--state: takes a folder. Give a PostgreSQL connection string with --database " +
                $"or the {DatabaseVariable} environment variable instead.");
        }

        var folder = StateDirectory.Resolve(directory);
        database = Given(database) ?? Given(Environment.GetEnvironmentVariable(DatabaseVariable));
        keyFile = Given(keyFile) ?? Given(Environment.GetEnvironmentVariable(KeyFileVariable));
        return new StateLocation(
            folder,
            database,
            keyFile is null ? Path.Combine(folder, "state.key") : Path.GetFullPath(keyFile));
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool LooksLikeConnectionString(string value) =>
        value.Contains('=', StringComparison.Ordinal) &&
        (value.Contains(';', StringComparison.Ordinal) ||
         value.StartsWith("host=", StringComparison.OrdinalIgnoreCase));
}
