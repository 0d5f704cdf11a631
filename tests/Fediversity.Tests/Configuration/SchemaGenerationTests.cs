using System.Text.Json.Nodes;
using Fediversity.Configuration.Schema;

namespace Fediversity.Tests.Configuration;

public sealed class SchemaGenerationTests
{
    private static readonly JsonNode Operator = JsonNode.Parse(ConfigurationSchemas.OperatorText)!;
    private static readonly JsonNode Environment = JsonNode.Parse(ConfigurationSchemas.EnvironmentText)!;

    [Fact]
    public void OperatorSchema_DeclaresDialectAndClosesObjects()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)Operator["$schema"]);
        Assert.False((bool)Operator["additionalProperties"]!);
        Assert.False((bool)Operator["properties"]!["applications"]!["additionalProperties"]!);
    }

    [Fact]
    public void OperatorSchema_CarriesDescriptionsPatternsAndRequiredFields()
    {
        var slug = Operator["properties"]!["operator"]!["properties"]!["slug"]!;
        var mastodon = Operator["properties"]!["applications"]!["properties"]!["mastodon"]!;

        Assert.Equal(ConfigurationPatterns.Slug, (string?)slug["pattern"]);
        Assert.StartsWith("A short, stable name", (string?)slug["description"], StringComparison.Ordinal);
        Assert.Equal(
            ["enabled", "subdomain", "admin"],
            mastodon["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(ConfigurationPatterns.DnsLabel, (string?)mastodon["properties"]!["subdomain"]!["pattern"]);
        Assert.Equal(1, (int)Operator["properties"]!["version"]!["const"]!);
    }

    [Fact]
    public void OperatorSchema_InlinesRepeatedTypesWithTheirOwnDescriptions()
    {
        Assert.DoesNotContain("$ref", ConfigurationSchemas.OperatorText, StringComparison.Ordinal);
        Assert.DoesNotContain("$ref", ConfigurationSchemas.EnvironmentText, StringComparison.Ordinal);

        var pixelfed = Operator["properties"]!["applications"]!["properties"]!["pixelfed"]!;
        Assert.Equal("Pixelfed, the photo-sharing service.", (string?)pixelfed["description"]);
        var email = pixelfed["properties"]!["admin"]!["properties"]!["email"]!;
        Assert.Equal(ConfigurationPatterns.Email, (string?)email["pattern"]);
    }

    [Fact]
    public void OperatorSchema_EnumsAreCamelCaseWithDefaults()
    {
        var mastodon = Operator["properties"]!["applications"]!["properties"]!["mastodon"]!["properties"]!;

        Assert.Equal(["closed", "open"], mastodon["registrations"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("closed", (string?)mastodon["registrations"]!["default"]);
        Assert.Equal("small", (string?)mastodon["size"]!["default"]);
        Assert.Equal("managed", (string?)mastodon["media"]!["default"]!["type"]);
    }

    [Fact]
    public void EnvironmentSchema_PolymorphicMachines_ListTypesAndOneBranchEach()
    {
        var machines = Environment["properties"]!["machines"]!;
        var branches = machines["allOf"]!.AsArray();

        Assert.Equal(
            ["sandbox", "proxmox", "static"],
            machines["properties"]!["type"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(3, branches.Count);

        var proxmox = branches[1]!["then"]!;
        Assert.Equal("proxmox", (string?)branches[1]!["if"]!["properties"]!["type"]!["const"]);
        Assert.False((bool)proxmox["additionalProperties"]!);
        Assert.Equal(1, (int)proxmox["properties"]!["clonesPerNode"]!["minimum"]!);
        Assert.Equal(2, (int)proxmox["properties"]!["clonesPerNode"]!["default"]!);
    }

    [Fact]
    public void EnvironmentSchema_InheritedFieldsAppearInEveryVariant()
    {
        var branches = Environment["properties"]!["dns"]!["allOf"]!.AsArray();

        Assert.All(branches, b => Assert.Equal(300, (int)b!["then"]!["properties"]!["ttl"]!["default"]!));
        Assert.Equal(65535, (int)branches[2]!["then"]!["properties"]!["port"]!["maximum"]!);
    }
}
