using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>Record sets on the stand-in DNS server, replaced whole by name and type.</summary>
public sealed class SandboxDnsRecordProvider(SandboxDnsServer dns) : ResourceProvider
{
    public override string Kind => DnsRecordKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [DnsRecordKind.Zone, DnsRecordKind.Name, DnsRecordKind.Type] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var records = request.Inputs.GetValueOrDefault(DnsRecordKind.Records) is ListValue l
            ? l.Items.OfType<TextValue>().Select(t => t.Text).ToArray()
            : [];
        var set = new SandboxRecordSet(
            request.Text(DnsRecordKind.Name), request.Text(DnsRecordKind.Type), (int)request.Number(DnsRecordKind.Ttl),
            records);
        await dns.ReplaceAsync(request.Text(DnsRecordKind.Zone), set, cancellationToken);
        request.Reporter.Report($"{set.Name} {set.Type} -> {string.Join(", ", records)}");
        return Outputs.None;
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override async Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var (zone, name, type) = (record.Input(DnsRecordKind.Zone)!, record.Input(DnsRecordKind.Name)!,
            record.Input(DnsRecordKind.Type)!);
        if (!await dns.DeleteAsync(zone, name, type, cancellationToken))
        {
            reporter.Report($"{name} {type} was already gone");
        }
    }

    public override Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var set = dns.Get(record.Input(DnsRecordKind.Zone)!, record.Input(DnsRecordKind.Name)!, record.Input(DnsRecordKind.Type)!);
        return Task.FromResult(set is null
            ? null
            : new ResourceReading(
                record.Inputs
                    .SetItem(DnsRecordKind.Ttl, ResourceValue.Of(set.Ttl))
                    .SetItem(DnsRecordKind.Records, ResourceValue.ListOf(set.Records)),
                record.Outputs));
    }
}
