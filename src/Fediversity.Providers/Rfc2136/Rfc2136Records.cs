using System.Text;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Rfc2136;

/// <summary>
/// Turns the inputs' record contents (zone-file presentation, such as <c>192.0.2.1</c> or
/// <c>"v=spf1 -all"</c>) into DNS records and back, through the library's own zone-file reader.
/// </summary>
internal static class Rfc2136Records
{
    /// <summary>The record type the input names, such as <c>A</c> or <c>CNAME</c>.</summary>
    public static RecordType Type(string type) =>
        Enum.TryParse<RecordType>(type.Trim(), ignoreCase: true, out var parsed) && parsed != RecordType.Invalid
            ? parsed
            : throw new ProviderException($"'{type}' is not a DNS record type this provider knows.");

    /// <summary>The records of one set, each checked to be of its set's type.</summary>
    public static IReadOnlyList<DnsRecordBase> Parse(
        string zone, string name, string type, int ttl, IReadOnlyList<string> contents)
    {
        if (contents.Count == 0)
        {
            return [];
        }

        var text = new StringBuilder().Append("$ORIGIN ").Append(zone).Append('\n');
        foreach (var content in contents)
        {
            text.Append(name).Append(' ').Append(ttl).Append(" IN ").Append(type).Append(' ')
                .Append(Rfc2136Names.CanonicalContent(type, content)).Append('\n');
        }

        List<DnsRecordBase> records;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
            records = [.. Zone.ParseMasterFile(DomainName.Parse(zone), stream)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ProviderException(
                $"The records of {name} {type} are not valid {type} records " +
                $"({string.Join(", ", contents)}): {e.Message}", e);
        }

        var wanted = Type(type);
        if (records.Count != contents.Count || records.Any(r => r.RecordType != wanted))
        {
            throw new ProviderException(
                $"The records of {name} {type} are not valid {type} records: {string.Join(", ", contents)}.");
        }

        return records;
    }

    /// <summary>A record's data as a zone file writes it, without its name, time to live, class and type.</summary>
    public static string Data(DnsRecordBase record)
    {
        var fields = record.ToString().Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 ? fields[4] : "";
    }

    /// <summary>The content as the server would hand it back, to compare what is with what was asked.</summary>
    public static string Normalised(string type, string content)
    {
        try
        {
            return Parse(".", "normalised.", type, 1, [content]) is [var record] ? Data(record) : content;
        }
        catch (ProviderException)
        {
            return content;
        }
    }
}
