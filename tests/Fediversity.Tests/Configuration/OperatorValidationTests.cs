using System.Text.Json.Nodes;
using Fediversity.Configuration.Validation;

namespace Fediversity.Tests.Configuration;

public sealed class OperatorValidationTests
{
    [Fact]
    public void LoadOperator_ThreeMistakes_ReportsAllThree()
    {
        var json = ExampleDocuments.Operator(d =>
        {
            d["domain"] = "acme";
            d["applications"]!["mastodon"]!["admin"]!["username"] = "jane.doe";
            d["applications"]!["peertube"]!["colour"] = "blue";
        });

        var result = ConfigurationLoader.LoadOperator(json);

        Assert.Equal(
            ["$.applications.peertube.colour", "$.domain", "$.applications.mastodon.admin.username"],
            result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void LoadOperator_MastodonUsernameWithDot_SuggestsUnderscore()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["mastodon"]!["admin"]!["username"] = "jane.doe");

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Contains("'jane_doe'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("letters, digits and underscores", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_DotInPixelfedUsername_IsAccepted()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["pixelfed"]!["admin"]!["username"] = "jane.doe");

        Assert.True(ConfigurationLoader.LoadOperator(json).IsValid);
    }

    [Theory]
    [InlineData("acme", "only one part")]
    [InlineData("Acme.Example", "'acme.example'")]
    [InlineData("acme.example.", "ends with a dot")]
    [InlineData("https://acme.example", "without 'https://'")]
    [InlineData("acme-.example", "must not start or end with a dash")]
    [InlineData("acme..example", "empty part")]
    public void LoadOperator_MalformedDomain_SaysWhatIsWrong(string domain, string expected)
    {
        var json = ExampleDocuments.Operator(d => d["domain"] = domain);

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.domain", problem.Path);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_DuplicateSubdomain_NamesBothApplications()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["peertube"]!["subdomain"] = "photos");

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.applications.peertube.subdomain", problem.Path);
        Assert.Contains("peertube", problem.Message, StringComparison.Ordinal);
        Assert.Contains("pixelfed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_SharedSubdomainOfDisabledApplication_IsAccepted()
    {
        var json = ExampleDocuments.Operator(d =>
        {
            d["applications"]!["peertube"]!["subdomain"] = "photos";
            d["applications"]!["peertube"]!["enabled"] = false;
            d["applications"]!["peertube"]!["dataWhenDisabled"] = "delete";
        });

        Assert.Empty(ConfigurationLoader.LoadOperator(json).Problems);
    }

    [Fact]
    public void LoadOperator_DisabledWithoutADataChoice_AsksForOne()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["peertube"]!["enabled"] = false);

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.applications.peertube.dataWhenDisabled", problem.Path);
        Assert.Contains("'keep'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_UnknownApplication_ListsTheKnownOnes()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["friendica"] = new JsonObject());

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.applications.friendica", problem.Path);
        Assert.Equal("unknown application 'friendica'; choose one of mastodon, pixelfed, peertube", problem.Message);
    }

    [Fact]
    public void LoadOperator_UnknownField_ListsTheKnownFields()
    {
        var json = ExampleDocuments.Operator(d => d["operator"]!["name"] = "Acme");

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.operator.name", problem.Path);
        Assert.Contains("unknown field 'name'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("known fields: slug, displayName", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_WrongTypes_SayWhatIsExpected()
    {
        var json = ExampleDocuments.Operator(d =>
        {
            d["operator"]!["slug"] = 42;
            d["applications"]!["mastodon"]!["admin"] = "admin";
        });

        var problems = ConfigurationLoader.LoadOperator(json).Problems;

        Assert.Contains(problems, p => p.Path == "$.operator.slug" && p.Message.StartsWith("must be a string"));
        Assert.Contains(problems, p => p.Path == "$.applications.mastodon.admin"
            && p.Message == "must be an object ({ ... }), not a string");
    }

    [Fact]
    public void LoadOperator_BadEnumValue_ListsTheAllowedValues()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["pixelfed"]!["registrations"] = "public");

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.applications.pixelfed.registrations", problem.Path);
        Assert.Equal("'public' is not allowed here; choose one of closed, open", problem.Message);
    }

    [Fact]
    public void LoadOperator_MissingRequiredFields_NamesEachAtItsPath()
    {
        var json = ExampleDocuments.Operator(d =>
        {
            d["operator"]!.AsObject().Remove("displayName");
            d.Remove("domain");
        });

        var problems = ConfigurationLoader.LoadOperator(json).Problems;

        Assert.Equal(["$.operator.displayName", "$.domain"], problems.Select(p => p.Path).Order().Reverse());
        Assert.All(problems, p => Assert.StartsWith("missing required field", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOperator_MediaWithoutType_AsksForOneOfTheTypes()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["mastodon"]!["media"] = new JsonObject());

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.applications.mastodon.media.type", problem.Path);
        Assert.Contains("managed, existing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_ExistingBucketWithEmptyFields_NeverEchoesTheSecret()
    {
        const string secret = "s3cr3t-value-that-must-stay-hidden";
        var json = ExampleDocuments.Operator(d => d["applications"]!["mastodon"]!["media"] = new JsonObject
        {
            ["type"] = "existing",
            ["bucket"] = "",
            ["accessKeyId"] = "",
            ["secretAccessKey"] = secret,
            ["secretAccesKey"] = secret,
        });

        var problems = ConfigurationLoader.LoadOperator(json).Problems;

        Assert.Contains(problems, p => p.Path == "$.applications.mastodon.media.bucket");
        Assert.Contains(problems, p => p.Path == "$.applications.mastodon.media.accessKeyId");
        Assert.Contains(problems, p => p.Path == "$.applications.mastodon.media.secretAccesKey");
        Assert.All(problems, p => Assert.DoesNotContain(secret, p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOperator_ExistingBucket_IsAccepted()
    {
        var json = ExampleDocuments.Operator(d => d["applications"]!["peertube"]!["media"] = new JsonObject
        {
            ["type"] = "existing",
            ["bucket"] = "acme-video",
            ["accessKeyId"] = "GK31c2f218a2e44f485b94239e",
            ["secretAccessKey"] = "b892c0665f0ada8a4755dae98baa3b133590e11dae3bcc1f9d769d67f16c3835",
        });

        Assert.Empty(ConfigurationLoader.LoadOperator(json).Problems);
    }

    [Theory]
    [InlineData(2, "this document is version 2 but this Fediversity reads version 1; upgrade Fediversity")]
    [InlineData(0, "version 0 is not a valid version")]
    public void LoadOperator_OtherVersion_IsRefused(int version, string expected)
    {
        var json = ExampleDocuments.Operator(d => d["version"] = version);

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$.version", problem.Path);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_FutureVersion_IsNotCheckedFurther()
    {
        var json = ExampleDocuments.Operator(d =>
        {
            d["version"] = 3;
            d["federation"] = new JsonObject();
        });

        Assert.Equal(["$.version"], ConfigurationLoader.LoadOperator(json).Problems.Select(p => p.Path));
    }

    [Fact]
    public void LoadOperator_MissingVersion_StillReportsOtherMistakes()
    {
        var json = ExampleDocuments.Operator(d =>
        {
            d.Remove("version");
            d["operator"]!["slug"] = "-acme";
        });

        var problems = ConfigurationLoader.LoadOperator(json).Problems;

        Assert.Equal(["$.version", "$.operator.slug"], problems.Select(p => p.Path));
        Assert.Contains("\"version\": 1", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_MalformedJson_GivesLineAndColumn()
    {
        const string json = "{\n  \"version\": 1,\n  \"domain\": \"acme.example\"\n  \"operator\": {}\n}";

        var problem = Assert.Single(ConfigurationLoader.LoadOperator(json).Problems);

        Assert.Equal("$", problem.Path);
        Assert.Contains("line 4, column 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperator_NotAnObject_IsRefused()
    {
        var problem = Assert.Single(ConfigurationLoader.LoadOperator("[1, 2]").Problems);

        Assert.Equal("$", problem.Path);
        Assert.Contains("JSON object", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOperatorFile_MissingFile_IsAProblemNotAnException()
    {
        var result = ConfigurationLoader.LoadOperatorFile(Path.Combine(Path.GetTempPath(), "no-such-operator.json"));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("cannot read the file", problem.Message, StringComparison.Ordinal);
    }
}
