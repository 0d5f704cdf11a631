using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.PowerDns;

/// <summary>
/// Zones on a PowerDNS server, made as <c>Native</c> zones (served by the backend's own replication,
/// not by NOTIFY) with <c>soa_edit_api</c> DEFAULT, so that every change made through the API bumps
/// the serial. A zone's name servers are its apex NS records; changing them is done in place.
/// </summary>
internal sealed class PowerDnsZoneProvider(PowerDnsClient client, PowerDnsOptions options) : ResourceProvider
{
    private const string ZoneKind = "Native";
    private const string SoaEditApi = "DEFAULT";
    private const int NameserverTtl = 3600;

    public override string Kind => DnsZoneKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with
    {
        ReplaceOn = [DnsZoneKind.Zone],
        UpdateNotes = ImmutableDictionary<string, string>.Empty
            .Add(DnsZoneKind.Nameservers, "the zone's NS records are replaced"),
    };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var zone = PowerDnsNames.Canonical(request.Text(DnsZoneKind.Zone));
        var nameservers = Nameservers(request.Inputs);

        var existing = await client.GetZoneAsync(zone, cancellationToken);
        if (existing is null)
        {
            var created = await client.CreateZoneAsync(
                new PowerDnsNewZone(zone, ZoneKind, nameservers, SoaEditApi), cancellationToken);
            if (created)
            {
                request.Reporter.Report($"zone {zone} created on PowerDNS");
                return PowerDnsValues.NoOutputs;
            }

            // Made meanwhile, by an earlier run cut off after the call or by someone else: take it over.
            existing = await client.GetZoneAsync(zone, cancellationToken)
                ?? throw new ProviderException($"PowerDNS says zone {zone} exists, but cannot find it.");
        }

        request.Reporter.Report($"zone {zone} already exists on PowerDNS; taken over");
        await EnsureNameserversAsync(existing, nameservers, request.Reporter, cancellationToken);
        return PowerDnsValues.NoOutputs;
    }

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var zone = PowerDnsNames.Canonical(request.Text(DnsZoneKind.Zone));
        var existing = await client.GetZoneAsync(zone, cancellationToken);
        if (existing is null)
        {
            return await CreateAsync(request, cancellationToken);
        }

        await EnsureNameserversAsync(existing, Nameservers(request.Inputs), request.Reporter, cancellationToken);
        return PowerDnsValues.NoOutputs;
    }

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var zone = PowerDnsNames.Canonical(record.Input(DnsZoneKind.Zone)!);
        reporter.Report(await client.DeleteZoneAsync(zone, cancellationToken)
            ? $"zone {zone} deleted with all its records"
            : $"zone {zone} was already gone");
    }

    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var zone = PowerDnsNames.Canonical(record.Input(DnsZoneKind.Zone)!);
        var existing = await client.GetZoneAsync(zone, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        var actual = ApexNameservers(existing);
        var spelled = PowerDnsValues.AsSpelled(
            PowerDnsValues.Texts(record.Inputs, DnsZoneKind.Nameservers), actual, PowerDnsNames.Canonical);
        return new ResourceReading(
            record.Inputs.SetItem(DnsZoneKind.Nameservers, ResourceValue.ListOf(spelled)), record.Outputs);
    }

    private IReadOnlyList<string> Nameservers(IReadOnlyDictionary<string, ResourceValue> inputs)
    {
        var given = PowerDnsValues.Texts(inputs, DnsZoneKind.Nameservers);
        return [.. (given.Count > 0 ? given : options.Nameservers).Select(PowerDnsNames.Canonical)];
    }

    private async Task EnsureNameserversAsync(
        PowerDnsZone zone, IReadOnlyList<string> nameservers, IStepReporter reporter,
        CancellationToken cancellationToken)
    {
        if (nameservers.Count == 0)
        {
            return;
        }

        var actual = ApexNameservers(zone);
        if (actual.Order(StringComparer.OrdinalIgnoreCase)
            .SequenceEqual(nameservers.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var ttl = zone.Find(zone.Name, "NS")?.Ttl ?? NameserverTtl;
        var records = nameservers.Select(n => new PowerDnsRecord(n, Disabled: false)).ToArray();
        await client.PatchAsync(
            zone.Name, [new PowerDnsRRSet(zone.Name, "NS", ttl, "REPLACE", records)], cancellationToken);
        reporter.Report($"zone {zone.Name} name servers set to {string.Join(", ", nameservers)}");
    }

    private static IReadOnlyList<string> ApexNameservers(PowerDnsZone zone) =>
        zone.Find(zone.Name, "NS") is { Records: { } records }
            ? [.. records.Where(r => !r.Disabled).Select(r => r.Content)]
            : [];
}
