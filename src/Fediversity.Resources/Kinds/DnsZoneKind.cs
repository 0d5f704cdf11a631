namespace Fediversity.Resources.Kinds;

/// <summary>An authoritative DNS zone.</summary>
public static class DnsZoneKind
{
    public const string Kind = "dns-zone";

    // Inputs.
    public const string Zone = "zone";
    public const string Nameservers = "nameservers";
}
