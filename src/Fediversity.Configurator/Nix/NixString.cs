using System.Text;

namespace Fediversity.Configurator.Nix;

/// <summary>Writes text into Nix source safely: string literals and attribute names.</summary>
public static class NixString
{
    private static readonly HashSet<string> Keywords =
    [
        "assert", "else", "if", "in", "inherit", "let", "or", "rec", "then", "with",
    ];

    /// <summary>A double-quoted Nix string literal whose value is exactly <paramref name="value"/>.</summary>
    /// <remarks>
    /// Escapes the backslash, the double quote and the <c>${</c> that would start an interpolation,
    /// and writes line breaks and tabs as escapes so that a literal always stays on one line.
    /// </remarks>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        var text = new StringBuilder(value.Length + 2);
        text.Append('"');

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '"':
                    text.Append("\\\"");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case '\r':
                    text.Append(@"\r");
                    break;
                case '\t':
                    text.Append(@"\t");
                    break;
                case '$' when i + 1 < value.Length && value[i + 1] == '{':
                    text.Append(@"\$");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
        return text.ToString();
    }

    /// <summary>An attribute name: bare when Nix allows it, otherwise quoted.</summary>
    public static string Attribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        return IsBareIdentifier(name) ? name : Quote(name);
    }

    /// <summary>An attribute path such as <c>services.nginx.virtualHosts."social.example"</c>.</summary>
    public static string AttributePath(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);

        return string.Join('.', names.Select(Attribute));
    }

    private static bool IsBareIdentifier(string name)
    {
        if (name.Length == 0 || Keywords.Contains(name))
        {
            return false;
        }

        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '\'');
    }
}
