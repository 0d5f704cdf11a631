namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>Quotes words for the remote POSIX shell.</summary>
internal static class ShellQuote
{
    /// <summary>The word in single quotes, any single quote inside written as <c>'\''</c>.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
