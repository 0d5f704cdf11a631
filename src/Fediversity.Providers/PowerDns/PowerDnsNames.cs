using System.Globalization;
using System.Text;

namespace Fediversity.Providers.PowerDns;

/// <summary>PowerDNS's rules for names: canonical names, and the zone ids in API paths.</summary>
internal static class PowerDnsNames
{
    /// <summary>The name with its trailing dot, as the API wants every name.</summary>
    public static string Canonical(string name)
    {
        var trimmed = name.Trim();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    /// <summary>
    /// The zone's id as the API spells it in paths: every character other than a letter, a digit, a dot
    /// or a dash becomes <c>=XX</c> (its byte in hexadecimal), so <c>a_b.example.</c> is
    /// <c>a=5Fb.example.</c>. The id is then escaped once more for the URL.
    /// </summary>
    public static string ZonePath(string zone)
    {
        var id = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(zone)))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            {
                id.Append(c);
            }
            else
            {
                id.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return Uri.EscapeDataString(id.ToString());
    }

    /// <summary>
    /// Record contents whose last field is a host name get that name made canonical, because the API
    /// refuses <c>CNAME</c>, <c>NS</c>, <c>MX</c> and the like pointing to a name without its dot.
    /// </summary>
    public static string CanonicalContent(string type, string content)
    {
        if (type is not ("CNAME" or "NS" or "PTR" or "DNAME" or "MX" or "SRV"))
        {
            return content.Trim();
        }

        var fields = content.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return content.Trim();
        }

        fields[^1] = Canonical(fields[^1]);
        return string.Join(' ', fields);
    }
}
