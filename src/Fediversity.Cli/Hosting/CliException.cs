namespace Fediversity.Cli.Hosting;

/// <summary>A problem with what the user gave, reported as a message and an exit code; nothing was changed.</summary>
public sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException(string message, int exitCode, IReadOnlyList<string>? details = null)
        : base(message)
    {
        ExitCode = exitCode;
        Details = details ?? [];
    }

    public int ExitCode { get; } = ExitCodes.InvalidInput;

    public IReadOnlyList<string> Details { get; } = [];
}
