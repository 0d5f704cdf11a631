using System.Collections.Immutable;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Providers.PowerDns;

/// <summary>Requests and records of DNS zones and record sets, as the orchestrator would pass them.</summary>
internal static class DnsResources
{
    public static ImmutableSortedDictionary<string, ResourceValue> Zone(string zone, params string[] nameservers) =>
        Inputs(
            (DnsZoneKind.Zone, ResourceValue.Of(zone)),
            (DnsZoneKind.Nameservers, ResourceValue.ListOf(nameservers)));

    public static ImmutableSortedDictionary<string, ResourceValue> RecordSet(
        string zone, string name, string type, long ttl, params string[] records) =>
        Inputs(
            (DnsRecordKind.Zone, ResourceValue.Of(zone)),
            (DnsRecordKind.Name, ResourceValue.Of(name)),
            (DnsRecordKind.Type, ResourceValue.Of(type)),
            (DnsRecordKind.Ttl, ResourceValue.Of(ttl)),
            (DnsRecordKind.Records, ResourceValue.ListOf(records)));

    public static ResourceRequest Request(
        ImmutableSortedDictionary<string, ResourceValue> inputs, IStepReporter reporter) =>
        new(new ResourceAddress("operators/test/dns/" + Guid.NewGuid().ToString("N")), inputs, Empty, reporter);

    public static ResourceRecord Record(string kind, ImmutableSortedDictionary<string, ResourceValue> inputs) =>
        new(new ResourceAddress("operators/test/dns/record"), kind, inputs, Empty, []);

    public static IReadOnlyList<string> Texts(ResourceReading reading, string input) =>
        reading.Inputs[input] is ListValue list ? [.. list.Items.OfType<TextValue>().Select(t => t.Text)] : [];

    public static string UniqueZone(string suffix) => $"t{Guid.NewGuid():N}"[..12] + "." + suffix;

    private static ImmutableSortedDictionary<string, ResourceValue> Empty { get; } =
        ImmutableSortedDictionary<string, ResourceValue>.Empty.WithComparers(StringComparer.Ordinal);

    private static ImmutableSortedDictionary<string, ResourceValue> Inputs(
        params (string Name, ResourceValue Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
