namespace Fediversity.Resources.Kinds;

/// <summary>One DNS record set: a name and type with its records.</summary>
public static class DnsRecordKind
{
    public const string Kind = "dns-record";

    // Inputs.
    public const string Zone = "zone";
    public const string Name = "name";
    public const string Type = "type";
    public const string Ttl = "ttl";
    public const string Records = "records";
}
