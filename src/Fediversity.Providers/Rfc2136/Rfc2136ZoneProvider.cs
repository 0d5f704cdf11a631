using System.Collections.Immutable;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Rfc2136;

/// <summary>
/// Zones on a server driven by RFC 2136. Dynamic updates cannot make or remove a zone, so the zone
/// must already be configured on the server: creating the resource checks that the server answers
/// for it with authority and fails, saying what to do, when it does not; deleting the resource
/// leaves the zone on the server. Its name servers are the server's business and are not changed.
/// </summary>
internal sealed class Rfc2136ZoneProvider(Rfc2136Client client) : ResourceProvider
{
    public override string Kind => DnsZoneKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with { ReplaceOn = [DnsZoneKind.Zone] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var zone = Rfc2136Names.Canonical(request.Text(DnsZoneKind.Zone));
        if (!await ServesAsync(zone, cancellationToken))
        {
            throw new ProviderException(
                $"Zone {zone} does not exist on the DNS server (it does not answer for its SOA with authority). " +
                "RFC 2136 updates cannot create zones: add the zone to the server, allowing updates signed " +
                "with the TSIG key, then deploy again.");
        }

        request.Reporter.Report($"zone {zone} is served by the DNS server");
        if (Rfc2136Values.Texts(request.Inputs, DnsZoneKind.Nameservers).Count > 0)
        {
            request.Reporter.Report("its name servers are set on the DNS server itself, not through updates");
        }

        return Rfc2136Values.NoOutputs;
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        reporter.Report(
            $"zone {record.Input(DnsZoneKind.Zone)} is left on the DNS server: RFC 2136 updates cannot remove " +
            "zones; remove it from the server's configuration if it is no longer wanted");
        return Task.CompletedTask;
    }

    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var zone = Rfc2136Names.Canonical(record.Input(DnsZoneKind.Zone)!);
        return await ServesAsync(zone, cancellationToken) ? new ResourceReading(record.Inputs, record.Outputs) : null;
    }

    private async Task<bool> ServesAsync(string zone, CancellationToken cancellationToken)
    {
        var answer = await client.QueryAsync(zone, RecordType.Soa, cancellationToken);
        var name = DomainName.Parse(zone);
        return answer.ReturnCode == ReturnCode.NoError && answer.IsAuthoritiveAnswer &&
            answer.AnswerRecords.OfType<SoaRecord>().Any(soa => soa.Name.Equals(name));
    }
}
