namespace Fediversity.Providers.Rfc2136;

/// <summary>Names as the providers' inputs give them, made absolute.</summary>
internal static class Rfc2136Names
{
    /// <summary>The name with its trailing dot: every name in the inputs is absolute.</summary>
    public static string Canonical(string name)
    {
        var trimmed = name.Trim();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    /// <summary>
    /// Record contents whose last field is a host name get that name made absolute, as the PowerDNS
    /// provider does, so that <c>CNAME web.example.org</c> means the same on every DNS service
    /// (a zone file would read it relative to the zone).
    /// </summary>
    public static string CanonicalContent(string type, string content)
    {
        var fields = content.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (type is not ("CNAME" or "NS" or "PTR" or "DNAME" or "MX" or "SRV") || fields.Length == 0)
        {
            return content.Trim();
        }

        fields[^1] = Canonical(fields[^1]);
        return string.Join(' ', fields);
    }
}
