using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Validation;

namespace Fediversity.Tests.Configuration;

public sealed class ExampleFilesTests
{
    /// <summary>Each invalid example, and the path of the field its mistake is in.</summary>
    public static TheoryData<string, string> InvalidExamples => new()
    {
        { "unknown-application", "$.applications.friendica" },
        { "malformed-domain", "$.domain" },
        { "mastodon-username-with-dot", "$.applications.mastodon.admin.username" },
        { "missing-version", "$.version" },
        { "future-version", "$.version" },
        { "duplicate-subdomain", "$.applications.pixelfed.subdomain" },
        { "unknown-field", "$.applications.mastodon.registration" },
        { "wrong-type", "$.applications.peertube.enabled" },
        { "missing-required-field", "$.applications.pixelfed.admin.email" },
        { "invalid-slug", "$.operator.slug" },
        { "invalid-email", "$.applications.pixelfed.admin.email" },
        { "malformed-json", "$" },
        { "bad-enum-value", "$.applications.mastodon.size" },
    };

    [Fact]
    public void OperatorExample_LoadsCleanly()
    {
        var result = ConfigurationLoader.LoadOperatorFile(RepositoryFiles.PathOf("examples", "operator.json"));

        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
        Assert.Equal("acme", result.Value.Operator.Slug);
        Assert.Equal("Acme Community", result.Value.Operator.DisplayName);
        Assert.Equal("acme.example", result.Value.Domain);
        Assert.Equal(
            ["social", "photos", "video"],
            result.Value.Applications.Enabled().Select(a => a.Options.Subdomain));
        Assert.Contains(result.Value.Applications.Enabled(), a => a.Options.Registrations == Registrations.Closed);
        Assert.All(result.Value.Applications.Enabled(), a => Assert.IsType<ManagedMedia>(a.Options.Media));
    }

    [Fact]
    public void SandboxEnvironmentExample_LoadsCleanly()
    {
        var result = ConfigurationLoader.LoadEnvironmentFile(
            RepositoryFiles.PathOf("examples", "environment.sandbox.json"));

        Assert.Empty(result.Problems);
        Assert.IsType<SandboxMachines>(result.Value!.Machines);
        Assert.Equal(0, ((SandboxMachines)result.Value.Machines).CloneMs);
    }

    [Fact]
    public void ProxmoxEnvironmentExample_LoadsCleanlyWithItsFolderAsBase()
    {
        var path = RepositoryFiles.PathOf("examples", "environment.proxmox.json");

        var result = ConfigurationLoader.LoadEnvironmentFile(path);

        Assert.Empty(result.Problems);
        Assert.Equal(RepositoryFiles.PathOf("examples"), result.Value!.BaseDirectory);
        var proxmox = Assert.IsType<ProxmoxMachines>(result.Value.Machines);
        Assert.Equal("secrets/proxmox-token-secret", proxmox.TokenSecretFile);
        Assert.IsType<GarageStorage>(result.Value.Storage);
        Assert.IsType<PowerDnsService>(result.Value.Dns);
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void InvalidExample_IsRefusedAtTheOffendingField(string name, string expectedPath)
    {
        var path = RepositoryFiles.PathOf("examples", "invalid", name + ".json");

        var result = ConfigurationLoader.LoadOperatorFile(path);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.Path == expectedPath);
    }

    [Fact]
    public void InvalidExamples_AreAllCoveredByTheTable()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("examples", "invalid"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);
        var covered = InvalidExamples.Select(row => row.Data.Item1).Order(StringComparer.Ordinal);

        Assert.Equal(covered, files);
    }
}
