namespace Fediversity.Tests.Providers.PowerDns;

/// <summary>The tests that share one PowerDNS server.</summary>
[CollectionDefinition(Name)]
public sealed class PowerDnsCollection : ICollectionFixture<PowerDnsServer>
{
    public const string Name = "PowerDNS server";
}
