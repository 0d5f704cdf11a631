using Fediversity.Configuration.Schema;

namespace Fediversity.Tests.Configuration;

public sealed class ConfigurationReferenceTests
{
    public static TheoryData<string> Sections => ["operator", "environment"];

    [Theory]
    [MemberData(nameof(Sections))]
    public void ReadmeSection_MatchesGeneratedReference(string name)
    {
        var generated = Render(name);
        var path = RepositoryFiles.PathOf("README.md");

        if (RepositoryFiles.UpdateRequested)
        {
            File.WriteAllText(path, RepositoryFiles.ReplaceSection(File.ReadAllText(path), name, generated));
        }

        var section = RepositoryFiles.Section(File.ReadAllText(path), name);
        Assert.True(section is not null, $"README.md lacks the reference:{name} markers.");
        Assert.True(
            section == generated.TrimEnd('\n'),
            $"The {name} section of README.md differs from the generated reference. {RepositoryFiles.HowToUpdate}");
    }

    [Fact]
    public void RenderOperator_ListsEveryFieldWithTypeDefaultAndDescription()
    {
        var reference = ConfigurationReference.RenderOperator();

        Assert.Contains("| Field | Type | Default | Required | Description |", reference, StringComparison.Ordinal);
        Assert.Contains("#### `applications.mastodon.admin`", reference, StringComparison.Ordinal);
        Assert.Contains(
            "| `registrations` | one of `closed`, `open` | `\"closed\"` |  | Who may sign up",
            reference,
            StringComparison.Ordinal);
        Assert.Contains("| `slug` | string |  | yes |", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEnvironment_GivesEachVariantItsOwnTable()
    {
        var reference = ConfigurationReference.RenderEnvironment();

        Assert.Contains("#### `machines` with `type` `proxmox`", reference, StringComparison.Ordinal);
        Assert.Contains("#### `dns` with `type` `rfc2136`", reference, StringComparison.Ordinal);
        Assert.Contains("| `clonesPerNode` | integer | `2` |  |", reference, StringComparison.Ordinal);

        // A pipe inside a pattern would split the table cell; it must be escaped.
        Assert.Contains("hmac-(?:md5\\|sha1", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NullAmongAllowedValuesAndALimitOfOne_AreWrittenOut()
    {
        var operatorReference = ConfigurationReference.RenderOperator();
        var environmentReference = ConfigurationReference.RenderEnvironment();

        Assert.Contains("| `dataWhenDisabled` | one of `keep`, `delete`, `null` |", operatorReference,
            StringComparison.Ordinal);
        Assert.DoesNotContain("``", operatorReference + environmentReference, StringComparison.Ordinal);
        Assert.Contains("The machines. At least 1 entry.", environmentReference, StringComparison.Ordinal);
        Assert.DoesNotContain("At least 1 entries.", operatorReference + environmentReference,
            StringComparison.Ordinal);
    }

    private static string Render(string name) => name == "operator"
        ? ConfigurationReference.RenderOperator()
        : ConfigurationReference.RenderEnvironment();
}
