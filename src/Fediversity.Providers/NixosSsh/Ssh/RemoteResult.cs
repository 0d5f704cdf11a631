namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>What one remote command ended with.</summary>
/// <param name="ExitStatus">Its exit status; -1 when the server sent none.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Error">What it wrote to standard error.</param>
internal sealed record RemoteResult(int ExitStatus, string Output, string Error)
{
    public bool Succeeded => ExitStatus == 0;

    /// <summary>The last lines of its error output, or of its output when that is empty, for a message.</summary>
    public string Tail(int lines = 10)
    {
        var text = string.IsNullOrWhiteSpace(Error) ? Output : Error;
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", all.TakeLast(lines));
    }
}
