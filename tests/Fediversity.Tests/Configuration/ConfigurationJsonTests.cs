using System.Text.Json;
using Fediversity.Configuration.Json;
using Fediversity.Configuration.Operator;

namespace Fediversity.Tests.Configuration;

public sealed class ConfigurationJsonTests
{
    [Fact]
    public void Serialize_WritesCamelCaseNamesAndEnumStrings()
    {
        var json = ConfigurationJson.Serialize(new ApplicationOptions
        {
            Enabled = true,
            Subdomain = "social",
            Registrations = Registrations.Open,
            Size = SizeTier.Large,
            Admin = new AdminAccount { Username = "admin", Email = "admin@acme.example" },
        });

        Assert.Contains("\"registrations\": \"open\"", json, StringComparison.Ordinal);
        Assert.Contains("\"size\": \"large\"", json, StringComparison.Ordinal);
        Assert.Contains(
            "\"media\": {\n    \"type\": \"managed\"",
            json.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ExampleConfiguration_RoundTrips()
    {
        var json = File.ReadAllText(RepositoryFiles.PathOf("examples", "operator.json"));

        var configuration = ConfigurationJson.Deserialize<OperatorConfiguration>(json);
        var again = ConfigurationJson.Deserialize<OperatorConfiguration>(ConfigurationJson.Serialize(configuration));

        Assert.Equal(configuration.Domain, again.Domain);
        Assert.Equal(configuration.Applications.Mastodon, again.Applications.Mastodon);
        Assert.Equal(ApplicationName.Peertube, again.Applications.Enabled().Last().Name);
    }

    [Fact]
    public void Deserialize_UnknownMember_IsRefused()
    {
        const string json = """{ "slug": "acme", "displayName": "Acme", "colour": "blue" }""";

        Assert.Throws<JsonException>(() => ConfigurationJson.Deserialize<OperatorIdentity>(json));
    }

    [Fact]
    public void Deserialize_MissingRequiredMember_IsRefused()
    {
        const string json = """{ "slug": "acme" }""";

        Assert.Throws<JsonException>(() => ConfigurationJson.Deserialize<OperatorIdentity>(json));
    }

    [Fact]
    public void Deserialize_EnumAsNumber_IsRefused()
    {
        Assert.Equal(SizeTier.Medium, JsonSerializer.Deserialize<SizeTier>("\"medium\"", ConfigurationJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SizeTier>("1", ConfigurationJson.Options));
    }

    [Fact]
    public void Deserialize_DiscriminatorAfterOtherFields_IsAccepted()
    {
        const string json = """{ "bucket": "b-1", "accessKeyId": "id", "secretAccessKey": "s", "type": "existing" }""";

        var media = ConfigurationJson.Deserialize<MediaStorage>(json);

        Assert.Equal("b-1", Assert.IsType<ExistingBucketMedia>(media).Bucket);
    }
}
