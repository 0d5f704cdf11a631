using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Validation;
using Fediversity.Configurator;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;
using Fediversity.Tests.Cli;

namespace Fediversity.Tests.Configurator;

public sealed class ClusterConfiguratorTests
{
    private static readonly EnvironmentSecrets Smtp = new(new Secret("relay-password-for-tests"));

    public static TheoryData<string> Environments => ["environment.sandbox.json", "environment.proxmox.json"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Configure_OperatorExample_MatchesGoldenGraph(string environmentFile)
    {
        var result = ClusterConfigurator.Configure(Example(), Environment(environmentFile), Smtp);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Check($"operator.{Path.GetFileNameWithoutExtension(environmentFile)}.graph.txt", GraphText.Render(result.Graph!));
    }

    [Fact]
    public void Configure_SameInputsTwice_GivesTheSameGraph()
    {
        var first = ClusterConfigurator.Configure(Example(), HostingEnvironment.Sandbox, EnvironmentSecrets.None);
        var second = ClusterConfigurator.Configure(Example(), HostingEnvironment.Sandbox, EnvironmentSecrets.None);

        Assert.Equal(GraphText.Render(first.Graph!), GraphText.Render(second.Graph!));
        Assert.True(first.Graph!.Resources.Values.SequenceEqual(second.Graph!.Resources.Values));
    }

    [Fact]
    public void Configure_EveryApplication_GetsItsResources()
    {
        var graph = ClusterConfigurator.Configure(Example(), HostingEnvironment.Sandbox, EnvironmentSecrets.None).Graph!;

        Assert.Equal(28, graph.Resources.Count);
        foreach (var app in new[] { "mastodon", "pixelfed", "peertube" })
        {
            foreach (var part in new[] { "vm", "bucket", "s3-key", "s3-grant", "admin-password", "nixos", "admin" })
            {
                Assert.Contains(new ResourceAddress($"operators/acme/{app}/{part}"), graph.Resources.Keys);
            }
        }

        var vm = graph.Resources[new ResourceAddress("operators/acme/mastodon/vm")];
        var medium = HostingEnvironment.Sandbox.Tiers.Medium;
        Assert.Equal(ResourceValue.Of(medium.Cores), vm.Inputs[VirtualMachineKind.Cores]);
        Assert.Equal(ResourceValue.Of(medium.MemoryMiB), vm.Inputs[VirtualMachineKind.MemoryMiB]);
    }

    [Fact]
    public void Configure_DependenciesComeFirst()
    {
        var graph = ClusterConfigurator.Configure(Example(), HostingEnvironment.Sandbox, EnvironmentSecrets.None).Graph!;
        var position = graph.Order.Select((r, i) => (r.Address, i)).ToDictionary(p => p.Address, p => p.i);

        foreach (var resource in graph.Order)
        {
            Assert.All(resource.Dependencies, d => Assert.True(position[d] < position[resource.Address]));
        }

        var admin = graph.Resources[new ResourceAddress("operators/acme/mastodon/admin")];
        Assert.Contains(new ResourceAddress("operators/acme/mastodon/nixos"), admin.Dependencies);
        var nixos = graph.Resources[new ResourceAddress("operators/acme/mastodon/nixos")];
        Assert.Contains(new ResourceAddress("operators/acme/mastodon/s3-grant"), nixos.Dependencies);
        Assert.Contains(new ResourceAddress("operators/acme/mastodon/vm"), nixos.Dependencies);
    }

    [Fact]
    public void Configure_ExceedingTheVcpuLimit_NamesTheLimitAndTheRequest()
    {
        var environment = HostingEnvironment.Sandbox with { Limits = new ResourceLimits { Vcpus = 8 } };

        var result = ClusterConfigurator.Configure(Example(), environment, EnvironmentSecrets.None);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("'vcpus' is 8", problem.Message, StringComparison.Ordinal);
        Assert.Contains("asks for 14", problem.Message, StringComparison.Ordinal);
        Assert.Contains("peertube large 8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_ExceedingSeveralLimits_ReportsEveryOne()
    {
        var environment = HostingEnvironment.Sandbox with
        {
            Limits = new ResourceLimits { Vms = 2, Vcpus = 4, MemoryMiB = 1024, DiskGiB = 10 },
        };

        var result = ClusterConfigurator.Configure(Example(), environment, EnvironmentSecrets.None);

        Assert.Equal(4, result.Problems.Length);
        Assert.Contains(result.Problems, p => p.Message.Contains("'vms' is 2", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("'diskGiB' is 10 GiB", StringComparison.Ordinal));
    }

    [Fact]
    public void Configure_ApplicationNotOffered_IsRefusedAtItsPath()
    {
        var environment = HostingEnvironment.Sandbox with { Offered = [ApplicationName.Mastodon] };

        var result = ClusterConfigurator.Configure(Example(), environment, EnvironmentSecrets.None);

        Assert.Equal(
            ["$.applications.pixelfed.enabled", "$.applications.peertube.enabled"],
            result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Configure_DomainOutsideTheProvidersZone_IsRefused()
    {
        var environment = HostingEnvironment.Sandbox with { Dns = new SandboxDns { Zone = "fedi.example.net" } };

        var result = ClusterConfigurator.Configure(Example(), environment, EnvironmentSecrets.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.domain", problem.Path);
    }

    [Fact]
    public void Configure_DomainInsideTheProvidersZone_PutsRecordsThereAndMakesNoZone()
    {
        var environment = HostingEnvironment.Sandbox with { Dns = new SandboxDns { Zone = "example" } };

        var graph = ClusterConfigurator.Configure(Example(), environment, EnvironmentSecrets.None).Graph!;

        Assert.DoesNotContain(graph.Resources.Values, r => r.Kind == DnsZoneKind.Kind);
        var record = graph.Resources.Values.First(r => r.Kind == DnsRecordKind.Kind);
        Assert.Equal(ResourceValue.Of("example."), record.Inputs[DnsRecordKind.Zone]);
    }

    [Fact]
    public void Configure_DisabledApplication_HasNoResources()
    {
        var configuration = Example() with
        {
            Applications = Example().Applications with { Pixelfed = Example().Applications.Pixelfed! with { Enabled = false } },
        };

        var graph = ClusterConfigurator.Configure(configuration, HostingEnvironment.Sandbox, EnvironmentSecrets.None).Graph!;

        Assert.DoesNotContain(graph.Resources.Keys, a => a.Value.StartsWith("operators/acme/pixelfed/", StringComparison.Ordinal));
        Assert.Contains(graph.Resources.Keys, a => a.Value.StartsWith("operators/acme/peertube/", StringComparison.Ordinal));
    }

    [Fact]
    public void Configure_ExistingBucket_ChecksItAndCreatesNone()
    {
        var configuration = Example() with
        {
            Applications = Example().Applications with
            {
                Mastodon = Example().Applications.Mastodon! with
                {
                    Media = new ExistingBucketMedia
                    {
                        Bucket = "handed-over", AccessKeyId = "GKhandedover", SecretAccessKey = "handed-over-secret-value",
                    },
                },
            },
        };

        var graph = ClusterConfigurator.Configure(configuration, HostingEnvironment.Sandbox, EnvironmentSecrets.None).Graph!;

        Assert.DoesNotContain(new ResourceAddress("operators/acme/mastodon/bucket"), graph.Resources.Keys);
        Assert.DoesNotContain(new ResourceAddress("operators/acme/mastodon/s3-key"), graph.Resources.Keys);
        var check = graph.Resources[new ResourceAddress("operators/acme/mastodon/existing-bucket")];
        Assert.IsType<SecretValue>(check.Inputs[ExistingBucketKind.SecretAccessKey]);
        Assert.DoesNotContain("handed-over-secret-value", GraphText.Render(graph), StringComparison.Ordinal);
        var nixos = graph.Resources[new ResourceAddress("operators/acme/mastodon/nixos")];
        Assert.Contains(check.Address, nixos.Dependencies);
    }

    [Fact]
    public void Configure_StaticMachineMissingForAnApplication_IsRefused()
    {
        var environment = HostingEnvironment.Sandbox with
        {
            Machines = new StaticMachines
            {
                Hosts =
                [
                    new StaticMachine
                    {
                        Name = "m1", Address = "127.0.0.1", HostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB",
                        Operator = "acme", Application = ApplicationName.Mastodon,
                    },
                ],
            },
        };

        var result = ClusterConfigurator.Configure(Example(), environment, EnvironmentSecrets.None);

        Assert.Equal(["$.applications.pixelfed", "$.applications.peertube"], result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Configure_NixosConfiguration_HoldsNoSecretAndRefersToTheDeployKey()
    {
        var graph = ClusterConfigurator.Configure(Example(), HostingEnvironment.Sandbox, Smtp).Graph!;
        var nixos = graph.Resources[new ResourceAddress("operators/acme/pixelfed/nixos")];

        var configuration = Assert.IsType<Template>(nixos.Inputs[NixosHostKind.Configuration]);
        Assert.False(configuration.IsSensitive);
        Assert.Contains(new OutputReference(new ResourceAddress("operators/acme/ssh-key"), SshKeyKind.PublicKey),
            configuration.Parts);
        var files = Assert.IsType<MapValue>(nixos.Inputs[NixosHostKind.SecretFiles]);
        Assert.NotEmpty(files.Entries);
        Assert.All(files.Entries.Values, f => Assert.Contains(f.References, r => r.Value.StartsWith("operators/acme/pixelfed/", StringComparison.Ordinal)));
    }

    private static OperatorConfiguration Example() =>
        ConfigurationLoader.LoadOperatorFile(Path.Combine(Fedi.RepositoryRoot, "examples", "operator.json")).Value!;

    private static HostingEnvironment Environment(string file) =>
        ConfigurationLoader.LoadEnvironmentFile(Path.Combine(Fedi.RepositoryRoot, "examples", file)).Value!;

    private static void Check(string name, string actual)
    {
        var path = Path.Combine(Fedi.RepositoryRoot, "tests", "Fediversity.Tests", "Configurator", "Golden", name);
        if (System.Environment.GetEnvironmentVariable("FEDI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with FEDI_UPDATE_GOLDEN=1 to write it.");
        Assert.True(File.ReadAllText(path) == actual,
            $"The graph differs from {path}; if intended, run with FEDI_UPDATE_GOLDEN=1 and review the diff.");
    }
}
