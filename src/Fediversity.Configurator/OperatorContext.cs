using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator;

/// <summary>What every resource of one operator is built from.</summary>
internal sealed record OperatorContext(
    OperatorConfiguration Configuration, HostingEnvironment Environment, EnvironmentSecrets Secrets)
{
    public string Slug => Configuration.Operator.Slug;

    /// <summary>The zone the operator's records live in, canonical (with the trailing dot).</summary>
    public string Zone => (Environment.Dns.Zone ?? Configuration.Domain).TrimEnd('.') + ".";

    /// <summary>Whether Fediversity owns the zone (it is the operator's own domain) and must make it.</summary>
    public bool OwnsZone => Environment.Dns.Zone is null;

    public string Fqdn(ApplicationOptions options) => $"{options.Subdomain}.{Configuration.Domain}";

    public string HostName(ApplicationName app) => $"{Slug}-{ResourceAddresses.Name(app)}";
}
