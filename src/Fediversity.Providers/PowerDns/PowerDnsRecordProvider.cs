using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.PowerDns;

/// <summary>
/// Record sets on a PowerDNS server: one name and type with its records, replaced whole. Names without
/// their trailing dot are made canonical, and so are host names inside records (a CNAME's target).
/// Known shortcoming: reading a record set (and deleting one, which reads first) fetches the whole
/// zone, because PowerDNS 4.7 cannot filter a zone's record sets by name; that is fine for an
/// operator's zone of a few dozen records, slow for a shared zone of many thousands.
/// </summary>
internal sealed class PowerDnsRecordProvider(PowerDnsClient client) : ResourceProvider
{
    public override string Kind => DnsRecordKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [DnsRecordKind.Zone, DnsRecordKind.Name, DnsRecordKind.Type] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var (zone, name, type) = Key(request.Inputs);
        var ttl = checked((int)request.Number(DnsRecordKind.Ttl));
        var contents = PowerDnsValues.Texts(request.Inputs, DnsRecordKind.Records);
        var records = contents
            .Select(c => new PowerDnsRecord(PowerDnsNames.CanonicalContent(type, c), Disabled: false))
            .ToArray();

        var change = records.Length == 0
            ? new PowerDnsRRSet(name, type, null, "DELETE", null)
            : new PowerDnsRRSet(name, type, ttl, "REPLACE", records);
        if (!await client.PatchAsync(zone, [change], cancellationToken))
        {
            throw new ProviderException(
                $"Zone {zone} does not exist on PowerDNS, so {name} {type} cannot be set in it; " +
                "create the zone first (its dns-zone resource), or fix the record's zone.");
        }

        request.Reporter.Report($"{name} {type} {ttl} -> {string.Join(", ", records.Select(r => r.Content))}");
        return PowerDnsValues.NoOutputs;
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var (zone, name, type) = Key(record.Inputs);
        var existing = await client.GetZoneAsync(zone, cancellationToken);
        if (existing?.Find(name, type) is null)
        {
            reporter.Report(existing is null
                ? $"{name} {type} was already gone, with its zone {zone}"
                : $"{name} {type} was already gone");
            return;
        }

        await client.PatchAsync(zone, [new PowerDnsRRSet(name, type, null, "DELETE", null)], cancellationToken);
        reporter.Report($"{name} {type} deleted");
    }

    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var (zone, name, type) = Key(record.Inputs);
        var existing = await client.GetZoneAsync(zone, cancellationToken);
        if (existing?.Find(name, type) is not { Records: { Count: > 0 } records } set)
        {
            return null;
        }

        var actual = records.Where(r => !r.Disabled).Select(r => r.Content).ToArray();
        var spelled = PowerDnsValues.AsSpelled(
            PowerDnsValues.Texts(record.Inputs, DnsRecordKind.Records), actual,
            c => PowerDnsNames.CanonicalContent(type, c));
        var inputs = record.Inputs.SetItem(DnsRecordKind.Records, ResourceValue.ListOf(spelled));
        if (set.Ttl is { } ttl)
        {
            inputs = inputs.SetItem(DnsRecordKind.Ttl, ResourceValue.Of(ttl));
        }

        return new ResourceReading(inputs, record.Outputs);
    }

    private static (string Zone, string Name, string Type) Key(IReadOnlyDictionary<string, ResourceValue> inputs)
    {
        string Text(string input) => inputs.GetValueOrDefault(input) is TextValue t
            ? t.Text
            : throw new ProviderException($"A dns-record resource needs the text input '{input}'.");

        return (PowerDnsNames.Canonical(Text(DnsRecordKind.Zone)), PowerDnsNames.Canonical(Text(DnsRecordKind.Name)),
            Text(DnsRecordKind.Type).Trim().ToUpperInvariant());
    }
}
