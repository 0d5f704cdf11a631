using Fediversity.Resources;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Resources.Values;

public sealed class ValueDisplayTests
{
    private const string Clear = "clear-secret-77ab";

    [Fact]
    public void Format_Secret_ShowsSensitive()
    {
        Assert.Equal("(sensitive)", ValueDisplay.Format(ResourceValue.Of(new Secret(Clear))));
    }

    [Fact]
    public void Format_SecretsInsideListAndMap_AreMaskedEachOne()
    {
        var value = new MapValue(ValueMaps.Of(
            ("user", ResourceValue.Of("admin")),
            ("keys", ResourceValue.ListOf(ResourceValue.Of(new Secret(Clear)), ResourceValue.Of(3)))));

        var shown = ValueDisplay.Format(value);

        Assert.Equal("{keys = [(sensitive), 3], user = \"admin\"}", shown);
        Assert.DoesNotContain(Clear, shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_TemplateWithSecretPart_ShowsSensitive()
    {
        var template = new Template([ResourceValue.Of("password="), ResourceValue.Of(new Secret(Clear))]);

        Assert.Equal("(sensitive)", ValueDisplay.Format(template));
    }

    [Fact]
    public void Format_TemplateWithReference_ShowsTheReferenceByName()
    {
        var template = new Template([ResourceValue.Of("https://"), Ref("acme/vm", "ipv4"), ResourceValue.Of("/")]);

        Assert.Equal("https://${acme/vm.ipv4}/", ValueDisplay.Format(template));
    }

    [Fact]
    public void Format_Unknown_ShowsKnownAfterApply()
    {
        Assert.Equal("(known after apply)", ValueDisplay.Format(null));
    }

    [Theory]
    [InlineData("one line", "\"one line\"")]
    [InlineData("a\nb\nc", "(3 lines)")]
    public void Format_Text_QuotesOrCountsLines(string text, string expected)
    {
        Assert.Equal(expected, ValueDisplay.Format(ResourceValue.Of(text)));
    }

    [Fact]
    public void Format_NumberAndFlag_ShowsThemPlainly()
    {
        Assert.Equal("2048", ValueDisplay.Format(ResourceValue.Of(2048)));
        Assert.Equal("false", ValueDisplay.Format(ResourceValue.Of(false)));
    }
}
