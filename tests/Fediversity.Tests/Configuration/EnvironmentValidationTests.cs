using System.Text.Json.Nodes;
using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Validation;

namespace Fediversity.Tests.Configuration;

public sealed class EnvironmentValidationTests
{
    private const string Ed25519Key =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPDjjRezVoXY7MxyfBB5EyHg7GTJqQUoLcikwUZ3fk/u";

    private static LoadResult<HostingEnvironment> Load(Action<JsonObject> change) =>
        ConfigurationLoader.LoadEnvironment(
            ExampleDocuments.ProxmoxEnvironment(change),
            ExampleDocuments.ExamplesFolder);

    [Fact]
    public void LoadEnvironment_NonPositiveLimitsAndTiers_AreEachReported()
    {
        var result = Load(d =>
        {
            d["limits"]!["vms"] = 0;
            d["tiers"]!["medium"]!["cores"] = -1;
        });

        Assert.Equal(["$.limits.vms", "$.tiers.medium.cores"], result.Problems.Select(p => p.Path));
        Assert.Contains("at least 1", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEnvironment_NegativeAccountingRetention_IsRefusedNamingTheField()
    {
        var problem = Assert.Single(Load(d => d["retention"] = new JsonObject { ["accountingDays"] = -1 }).Problems);

        Assert.Equal("$.retention.accountingDays", problem.Path);
        Assert.Contains("at least 0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEnvironment_AccountingRetention_IsReadAndDefaultsToAboutSevenYears()
    {
        Assert.Equal(3653, Load(_ => { }).Value!.Retention.AccountingDays);
        Assert.Equal(RetentionPolicy.DefaultAccountingDays,
            Load(d => d.Remove("retention")).Value!.Retention.AccountingDays);
    }

    [Fact]
    public void LoadEnvironment_NoClonesPerNode_IsRefused()
    {
        var problem = Assert.Single(Load(d => d["machines"]!["clonesPerNode"] = 0).Problems);

        Assert.Equal("$.machines.clonesPerNode", problem.Path);
        Assert.Equal("must be at least 1 clone, not 0", problem.Message);
    }

    [Fact]
    public void LoadEnvironment_SandboxClonesPerNode_DefaultsToTwoAndZeroIsRefused()
    {
        var loaded = ConfigurationLoader.LoadEnvironment(
            ExampleDocuments.SandboxEnvironment(_ => { }), ExampleDocuments.ExamplesFolder);
        var refused = ConfigurationLoader.LoadEnvironment(
            ExampleDocuments.SandboxEnvironment(d => d["machines"]!["clonesPerNode"] = 0),
            ExampleDocuments.ExamplesFolder);

        Assert.Equal(2, Assert.IsType<SandboxMachines>(loaded.Value!.Machines).ClonesPerNode);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("$.machines.clonesPerNode", problem.Path);
        Assert.Equal("must be at least 1 clone, not 0", problem.Message);
    }

    [Fact]
    public void LoadEnvironment_MissingSecretFile_NamesTheFileAndWhereItWasLooked()
    {
        var problem = Assert.Single(Load(d => d["storage"]!["adminTokenFile"] = "secrets/nope").Problems);

        Assert.Equal("$.storage.adminTokenFile", problem.Path);
        Assert.Contains("'secrets/nope' does not exist", problem.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(ExampleDocuments.ExamplesFolder, "secrets", "nope"), problem.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEnvironment_SecretFiles_AreReadFromTheBaseDirectory()
    {
        var json = ExampleDocuments.ProxmoxEnvironment(_ => { });

        var elsewhere = ConfigurationLoader.LoadEnvironment(json, Path.GetTempPath());

        Assert.Equal(4, elsewhere.Problems.Count(p => p.Message.Contains("does not exist", StringComparison.Ordinal)));
    }

    [Fact]
    public void LoadEnvironment_WrongVariantField_IsReportedOnlyAgainstTheChosenType()
    {
        var problem = Assert.Single(Load(d => d["storage"]!["operationMs"] = 5).Problems);

        Assert.Equal("$.storage.operationMs", problem.Path);
        Assert.Contains("known fields: type, adminEndpoint, adminTokenFile, s3Endpoint, region", problem.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEnvironment_UnknownMachineType_ListsTheKnownTypes()
    {
        var problem = Assert.Single(Load(d => d["machines"]!["type"] = "vmware").Problems);

        Assert.Equal("$.machines.type", problem.Path);
        Assert.Equal("'vmware' is not allowed here; choose one of sandbox, proxmox, static", problem.Message);
    }

    [Fact]
    public void LoadEnvironment_RelativeEndpoint_AsksForAFullAddress()
    {
        var problem = Assert.Single(Load(d => d["machines"]!["endpoint"] = "pve.example.net").Problems);

        Assert.Equal("$.machines.endpoint", problem.Path);
        Assert.Contains("https://", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEnvironment_AddressOutsideTheNetwork_IsRefused()
    {
        var problem = Assert.Single(Load(d => d["machines"]!["addresses"]!["gateway"] = "198.51.100.1").Problems);

        Assert.Equal("$.machines.addresses.gateway", problem.Path);
        Assert.Contains("outside the network 192.0.2.0/24", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEnvironment_StaticHosts_NeedUniqueNamesAndValidKeys()
    {
        var result = Load(d => d["machines"] = new JsonObject
        {
            ["type"] = "static",
            ["hosts"] = new JsonArray(
                Host("web1", Ed25519Key),
                Host("web1", "web1.example.net " + Ed25519Key),
                Host("web2", "ssh-rsa " + Ed25519Key.Split(' ')[1])),
        });

        Assert.Equal(
            ["$.machines.hosts[1].hostKey", "$.machines.hosts[1].name", "$.machines.hosts[2].hostKey"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains(
            result.Problems,
            p => p.Message.Contains("host name 'web1.example.net'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("is not a ssh-rsa key", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadEnvironment_StaticHostWithGoodKey_IsAccepted()
    {
        var result = Load(d => d["machines"] = new JsonObject
        {
            ["type"] = "static",
            ["hosts"] = new JsonArray(Host("web1", Ed25519Key)),
        });

        Assert.Empty(result.Problems);
        Assert.Equal("web1", Assert.IsType<StaticMachines>(result.Value!.Machines).Hosts[0].Name);
    }

    [Fact]
    public void LoadEnvironment_MailUserWithoutPasswordFile_AsksForIt()
    {
        var problem = Assert.Single(Load(d => d["mail"]!.AsObject().Remove("passwordFile")).Problems);

        Assert.Equal("$.mail.passwordFile", problem.Path);
    }

    [Fact]
    public void LoadEnvironment_Rfc2136WithBadAlgorithm_ExplainsTheChoices()
    {
        var result = Load(d => d["dns"] = new JsonObject
        {
            ["type"] = "rfc2136",
            ["server"] = "ns1.internal",
            ["tsigKeyName"] = "fediversity",
            ["tsigAlgorithm"] = "sha256",
            ["tsigSecretFile"] = "secrets/powerdns-api-key",
        });

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.dns.tsigAlgorithm", problem.Path);
        Assert.Contains("hmac-sha256", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEnvironment_BuiltInSandbox_RoundTrips()
    {
        var json = Fediversity.Configuration.Json.ConfigurationJson.Serialize(HostingEnvironment.Sandbox);

        var result = ConfigurationLoader.LoadEnvironment(json, Path.GetTempPath());

        Assert.Empty(result.Problems);
        Assert.Equal(HostingEnvironment.Sandbox.Mail, result.Value!.Mail);
    }

    private static JsonObject Host(string name, string key) => new()
    {
        ["name"] = name,
        ["address"] = "192.0.2.20",
        ["hostKey"] = key,
        ["operator"] = "acme",
        ["application"] = "mastodon",
    };
}
