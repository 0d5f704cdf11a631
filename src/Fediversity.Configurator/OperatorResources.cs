using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;

namespace Fediversity.Configurator;

/// <summary>The resources an operator has once, whatever the applications: the deploy key and the zone.</summary>
internal static class OperatorResources
{
    public static IEnumerable<DesiredResource> Build(OperatorContext context, bool anyApplication)
    {
        if (!anyApplication)
        {
            yield break;
        }

        yield return new Inputs()
            .Set(SshKeyKind.Comment, $"fediversity-deploy@{context.Slug}")
            .Resource(ResourceAddresses.SshKey(context.Slug), SshKeyKind.Kind);

        if (context.OwnsZone)
        {
            var nameservers = context.Environment.Dns is Configuration.Environment.PowerDnsService pdns
                ? pdns.Nameservers
                : [];
            yield return new Inputs()
                .Set(DnsZoneKind.Zone, context.Zone)
                .Set(DnsZoneKind.Nameservers, ResourceValue.ListOf(nameservers.Select(n => n.TrimEnd('.') + ".")))
                .Resource(ResourceAddresses.Zone(context.Slug), DnsZoneKind.Kind);
        }
    }
}
