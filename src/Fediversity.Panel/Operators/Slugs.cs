using System.Text;

namespace Fediversity.Panel.Operators;

/// <summary>Makes an operator's stable short name from the name people read.</summary>
internal static class Slugs
{
    public const int MaxLength = 32;

    public static string From(string displayName)
    {
        var builder = new StringBuilder();
        foreach (var c in displayName.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length == 0 || !char.IsAsciiLetterLower(slug[0]))
        {
            slug = "op-" + slug;
        }

        return slug.Length > MaxLength - 4 ? slug[..(MaxLength - 4)].TrimEnd('-') : slug;
    }
}
