using System.Text;

namespace Fediversity.Configurator.Nix;

/// <summary>Prepares free text for a Laravel <c>.env</c> file, which Pixelfed's module writes without quotes.</summary>
internal static class DotenvValue
{
    /// <summary>The text as it is when it is one plain word, otherwise in double quotes.</summary>
    /// <remarks>
    /// Inside the quotes the backslash and the double quote are escaped. The <c>.env</c> reader would read
    /// <c>${NAME}</c> as another variable and offers no escape for it, so the text gets a space after its
    /// dollar sign there: a display name loses nothing a reader would miss.
    /// </remarks>
    public static string Quote(string text)
    {
        if (text.Length > 0 && text.All(IsPlain))
        {
            return text;
        }

        var quoted = new StringBuilder(text.Length + 2);
        quoted.Append('"');
        foreach (var c in text.Replace("${", "$ {", StringComparison.Ordinal))
        {
            if (c is '\\' or '"')
            {
                quoted.Append('\\');
            }

            quoted.Append(c is '\n' or '\r' ? ' ' : c);
        }

        quoted.Append('"');
        return quoted.ToString();
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' or ':' or '/';
}
