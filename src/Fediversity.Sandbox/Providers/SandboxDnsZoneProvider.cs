using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>Zones on the stand-in DNS server.</summary>
public sealed class SandboxDnsZoneProvider(SandboxDnsServer dns) : ResourceProvider
{
    public override string Kind => DnsZoneKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [DnsZoneKind.Zone] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var nameservers = request.Inputs.GetValueOrDefault(DnsZoneKind.Nameservers) is ListValue l
            ? l.Items.OfType<TextValue>().Select(t => t.Text).ToArray()
            : [];
        await dns.EnsureZoneAsync(request.Text(DnsZoneKind.Zone), nameservers, cancellationToken);
        return Outputs.None;
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override async Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var zone = record.Input(DnsZoneKind.Zone)!;
        if (!await dns.DeleteZoneAsync(zone, cancellationToken))
        {
            reporter.Report($"zone {zone} was already gone");
        }
    }

    public override Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(dns.GetZone(record.Input(DnsZoneKind.Zone)!) is null
            ? null
            : new ResourceReading(record.Inputs, record.Outputs));
}
