using System.Collections.Immutable;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Rfc2136;

/// <summary>
/// Record sets set by RFC 2136 dynamic updates: one update deletes the name and type's records and
/// adds the wanted ones, so the set is replaced whole, at once. Names are absolute, with or without
/// their trailing dot; record contents are written as in a zone file.
/// </summary>
internal sealed class Rfc2136RecordProvider(Rfc2136Client client) : ResourceProvider
{
    public override string Kind => DnsRecordKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [DnsRecordKind.Zone, DnsRecordKind.Name, DnsRecordKind.Type] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var (zone, name, type) = Key(request.Inputs);
        var ttl = checked((int)request.Number(DnsRecordKind.Ttl));
        var contents = Rfc2136Values.Texts(request.Inputs, DnsRecordKind.Records);
        var records = Rfc2136Records.Parse(zone, name, type, ttl, contents);

        var updates = new List<UpdateBase>
        {
            new DeleteAllRecordsUpdate(DomainName.Parse(name), Rfc2136Records.Type(type)),
        };
        updates.AddRange(records.Select(r => new AddRecordUpdate(r)));
        await client.UpdateAsync(zone, updates, $"set {name} {type}", cancellationToken);

        request.Reporter.Report($"{name} {type} {ttl} -> {string.Join(", ", records.Select(Rfc2136Records.Data))}");
        return Rfc2136Values.NoOutputs;
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var (zone, name, type) = Key(record.Inputs);
        if (await CurrentAsync(name, type, cancellationToken) is null)
        {
            reporter.Report($"{name} {type} was already gone");
            return;
        }

        await client.UpdateAsync(
            zone, [new DeleteAllRecordsUpdate(DomainName.Parse(name), Rfc2136Records.Type(type))],
            $"delete {name} {type}", cancellationToken);
        reporter.Report($"{name} {type} deleted");
    }

    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var (_, name, type) = Key(record.Inputs);
        if (await CurrentAsync(name, type, cancellationToken) is not { Count: > 0 } current)
        {
            return null;
        }

        var desired = Rfc2136Values.Texts(record.Inputs, DnsRecordKind.Records);
        var actual = current.Select(Rfc2136Records.Data).ToArray();
        var same = desired.Select(d => Rfc2136Records.Normalised(type, d)).Order(StringComparer.OrdinalIgnoreCase)
            .SequenceEqual(actual.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

        var inputs = record.Inputs
            .SetItem(DnsRecordKind.Ttl, ResourceValue.Of(current[0].TimeToLive))
            .SetItem(DnsRecordKind.Records,
                ResourceValue.ListOf(same ? desired : actual.Order(StringComparer.Ordinal)));
        return new ResourceReading(inputs, record.Outputs);
    }

    // The records of the set as the server has them now; null when there are none, or when the server
    // no longer serves the zone (then they are gone with it).
    private async Task<IReadOnlyList<DnsRecordBase>?> CurrentAsync(
        string name, string type, CancellationToken cancellationToken)
    {
        var recordType = Rfc2136Records.Type(type);
        var answer = await client.QueryAsync(name, recordType, cancellationToken);
        if (answer.ReturnCode != ReturnCode.NoError || !answer.IsAuthoritiveAnswer)
        {
            return null;
        }

        var owner = DomainName.Parse(name);
        var records = answer.AnswerRecords.Where(r => r.RecordType == recordType && r.Name.Equals(owner)).ToArray();
        return records.Length == 0 ? null : records;
    }

    private static (string Zone, string Name, string Type) Key(IReadOnlyDictionary<string, ResourceValue> inputs)
    {
        string Text(string input) => inputs.GetValueOrDefault(input) is TextValue t
            ? t.Text
            : throw new ProviderException($"A dns-record resource needs the text input '{input}'.");

        return (Rfc2136Names.Canonical(Text(DnsRecordKind.Zone)), Rfc2136Names.Canonical(Text(DnsRecordKind.Name)),
            Text(DnsRecordKind.Type).Trim().ToUpperInvariant());
    }
}
