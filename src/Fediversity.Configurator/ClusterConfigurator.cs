using System.Collections.Immutable;
using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;
using Fediversity.Resources.Graph;

namespace Fediversity.Configurator;

/// <summary>
/// Turns an operator's configuration and the hosting environment into the precise resources that
/// make it so. Pure and deterministic: no I/O, no clock, no randomness. Generated values (keys,
/// passwords) are resources of their own, made by providers at apply time.
/// </summary>
public static class ClusterConfigurator
{
    public static ConfiguratorResult Configure(
        OperatorConfiguration configuration, HostingEnvironment environment, EnvironmentSecrets secrets)
    {
        var problems = ImmutableArray.CreateBuilder<ConfiguratorProblem>();
        var enabled = configuration.Applications.Enabled().ToImmutableArray();

        CheckOffered(enabled, environment, problems);
        CheckZone(configuration, environment, problems);
        CheckLimits(enabled, environment, problems);
        CheckMail(environment, secrets, problems);
        CheckMachines(configuration, enabled, environment, problems);

        var services = Services(configuration);
        if (problems.Count > 0)
        {
            return new ConfiguratorResult(null, services, problems.ToImmutable());
        }

        var context = new OperatorContext(configuration, environment, secrets);
        var resources = new List<DesiredResource>();
        resources.AddRange(OperatorResources.Build(context, enabled.Length > 0));
        foreach (var (name, options) in enabled)
        {
            resources.AddRange(ApplicationResources.Build(context, name, options));
        }

        var kept = configuration.Applications.Present()
            .Where(a => !a.Options.Enabled && a.Options.DataWhenDisabled == DataChoice.Keep);
        foreach (var (name, options) in kept)
        {
            resources.AddRange(ApplicationResources.Retained(context, name, options));
        }

        var graph = ResourceGraph.Create(configuration.Operator.Slug, resources);
        return new ConfiguratorResult(graph, services, []);
    }

    /// <summary>The addresses under which the enabled applications answer.</summary>
    public static ImmutableArray<DeployedService> Services(OperatorConfiguration configuration) =>
    [
        .. configuration.Applications.Enabled().Select(a =>
        {
            var domain = $"{a.Options.Subdomain}.{configuration.Domain}";
            return new DeployedService(a.Name, domain, new Uri($"https://{domain}/"));
        }),
    ];

    /// <summary>An empty graph for the operator: applying it removes everything the operator has.</summary>
    public static ResourceGraph Nothing(string slug) => ResourceGraph.Create(slug, []);

    private static void CheckOffered(
        ImmutableArray<(ApplicationName Name, ApplicationOptions Options)> enabled,
        HostingEnvironment environment,
        ImmutableArray<ConfiguratorProblem>.Builder problems)
    {
        foreach (var (name, _) in enabled.Where(a => !environment.Offers(a.Name)))
        {
            var app = ResourceAddresses.Name(name);
            problems.Add(new($"$.applications.{app}.enabled",
                $"{app} is not offered by the hosting environment '{environment.Name}'; disable it or ask your " +
                "hosting provider to offer it"));
        }
    }

    private static void CheckZone(
        OperatorConfiguration configuration, HostingEnvironment environment,
        ImmutableArray<ConfiguratorProblem>.Builder problems)
    {
        if (environment.Dns.Zone is not { } zone)
        {
            return;
        }

        var parent = zone.TrimEnd('.');
        if (configuration.Domain != parent && !configuration.Domain.EndsWith("." + parent, StringComparison.Ordinal))
        {
            problems.Add(new("$.domain",
                $"the domain '{configuration.Domain}' is not inside the zone '{parent}' that this hosting " +
                $"provider serves; choose a domain ending in .{parent}"));
        }
    }

    private static void CheckLimits(
        ImmutableArray<(ApplicationName Name, ApplicationOptions Options)> enabled,
        HostingEnvironment environment,
        ImmutableArray<ConfiguratorProblem>.Builder problems)
    {
        var limits = environment.Limits;
        var sizes = enabled.Select(a => (a.Name, a.Options.Size, Tier: environment.Tiers.For(a.Options.Size))).ToArray();
        string Breakdown(Func<TierResources, int> pick) =>
            string.Join(", ", sizes.Select(s => $"{ResourceAddresses.Name(s.Name)} {s.Size.ToString().ToLowerInvariant()} {pick(s.Tier)}"));

        void Check(string limit, int allowed, Func<TierResources, int> pick, string unit)
        {
            var asked = sizes.Sum(s => pick(s.Tier));
            if (asked > allowed)
            {
                problems.Add(new("$.applications",
                    $"the limit '{limit}' is {allowed}{unit} per operator, and this configuration asks for " +
                    $"{asked}{unit} ({Breakdown(pick)}); choose smaller sizes, disable an application, or ask " +
                    "your hosting provider for a higher limit"));
            }
        }

        if (sizes.Length > limits.Vms)
        {
            problems.Add(new("$.applications",
                $"the limit 'vms' is {limits.Vms} per operator, and this configuration asks for {sizes.Length} " +
                "machines (one per application); disable an application or ask your hosting provider for a " +
                "higher limit"));
        }

        Check("vcpus", limits.Vcpus, t => t.Cores, "");
        Check("memoryMiB", limits.MemoryMiB, t => t.MemoryMiB, " MiB");
        Check("diskGiB", limits.DiskGiB, t => t.DiskGiB, " GiB");
    }

    private static void CheckMail(
        HostingEnvironment environment, EnvironmentSecrets secrets, ImmutableArray<ConfiguratorProblem>.Builder problems)
    {
        if (environment.Mail is { PasswordFile: not null } && secrets.SmtpPassword is null)
        {
            problems.Add(new("environment: $.mail.passwordFile",
                "the mail relay password file was not read; check that the file exists and is readable"));
        }
    }

    private static void CheckMachines(
        OperatorConfiguration configuration,
        ImmutableArray<(ApplicationName Name, ApplicationOptions Options)> enabled,
        HostingEnvironment environment,
        ImmutableArray<ConfiguratorProblem>.Builder problems)
    {
        if (environment.Machines is not StaticMachines machines)
        {
            return;
        }

        foreach (var (name, _) in enabled)
        {
            var app = ResourceAddresses.Name(name);
            if (!machines.Hosts.Any(h => h.Operator == configuration.Operator.Slug && h.Application == name))
            {
                problems.Add(new($"$.applications.{app}",
                    $"the hosting environment '{environment.Name}' lists no machine for {app} of operator " +
                    $"'{configuration.Operator.Slug}'; ask your hosting provider to assign one"));
            }
        }
    }
}
