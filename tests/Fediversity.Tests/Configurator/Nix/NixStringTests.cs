using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

public sealed class NixStringTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"back\slash", "\"back\\\\slash\"")]
    [InlineData("${pkgs.hello}", "\"\\${pkgs.hello}\"")]
    [InlineData("$HOME and $ {x}", "\"$HOME and $ {x}\"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    public void Quote_SpecialCharacters_AreEscaped(string value, string expected)
    {
        Assert.Equal(expected, NixString.Quote(value));
    }

    [Theory]
    [InlineData("The \"Quoted\" ${club}")]
    [InlineData(@"C:\path\${x}\")]
    [InlineData("$${double} $ end$")]
    [InlineData("tab\there, cr\r, newline\n, ''${ and '' quotes")]
    public void Quote_EvaluatedByNix_GivesTheOriginalText(string value)
    {
        var module = "{ config, pkgs, lib, ... }:\n{\n  value = " + NixString.Quote(value) + ";\n}\n";

        var json = NixTool.EvaluateJson(module, "value");

        Assert.Equal(value, System.Text.Json.JsonSerializer.Deserialize<string>(json));
    }

    [Theory]
    [InlineData("services", "services")]
    [InlineData("fediversity-mastodon-registrations", "fediversity-mastodon-registrations")]
    [InlineData("social.acme.example", "\"social.acme.example\"")]
    [InlineData("in", "\"in\"")]
    [InlineData("9lives", "\"9lives\"")]
    [InlineData("", "\"\"")]
    public void Attribute_NamesNixCannotReadBare_AreQuoted(string name, string expected)
    {
        Assert.Equal(expected, NixString.Attribute(name));
    }

    [Fact]
    public void AttributePath_MixedNames_QuotesOnlyThoseThatNeedIt()
    {
        var path = NixString.AttributePath("services", "nginx", "virtualHosts", "a.example");

        Assert.Equal("services.nginx.virtualHosts.\"a.example\"", path);
    }
}
