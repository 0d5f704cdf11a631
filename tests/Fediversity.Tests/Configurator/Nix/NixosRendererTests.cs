using Fediversity.Configuration.Operator;
using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

public sealed class NixosRendererTests
{
    [Theory]
    [InlineData(ApplicationName.Mastodon)]
    [InlineData(ApplicationName.Pixelfed)]
    [InlineData(ApplicationName.Peertube)]
    public void Render_EqualSpecs_GiveIdenticalText(ApplicationName application)
    {
        var spec = SampleSpecs.For(application);
        var copy = spec with { Admin = spec.Admin with { } };

        var first = NixosRenderer.Render(spec);
        var second = NixosRenderer.Render(copy);

        Assert.Equal(first.Configuration, second.Configuration);
        Assert.Equal(SecretFileText.Describe(first.SecretFiles), SecretFileText.Describe(second.SecretFiles));
    }

    [Theory]
    [InlineData(ApplicationName.Mastodon)]
    [InlineData(ApplicationName.Pixelfed)]
    [InlineData(ApplicationName.Peertube)]
    public void Render_AnyApplication_SetsTheCommonHostSettings(ApplicationName application)
    {
        var text = NixosRenderer.Render(SampleSpecs.For(application)).Configuration;

        Assert.StartsWith("# ", text, StringComparison.Ordinal);
        Assert.Contains("{ config, pkgs, lib, ... }:\n{\n", text, StringComparison.Ordinal);
        Assert.Contains("settings.PasswordAuthentication = false;", text, StringComparison.Ordinal);
        Assert.Contains(
            $"users.users.root.openssh.authorizedKeys.keys = [ \"{SampleSpecs.DeployKey}\" ];",
            text,
            StringComparison.Ordinal);
        Assert.Contains("networking.firewall.allowedTCPPorts = [ 22 80 443 ];", text, StringComparison.Ordinal);
        Assert.Contains("defaults.email = \"hostmaster@provider.example\";", text, StringComparison.Ordinal);
        Assert.Matches(@"enableACME = true;\n +forceSSL = true;", text);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DisplayNameWithQuotesAndInterpolation_IsEscapedInNix()
    {
        const string name = "The \"Quoted\" ${club}";
        var spec = SampleSpecs.Peertube with { DisplayName = name };

        var text = NixosRenderer.Render(spec).Configuration;

        Assert.Contains("instance.name = \"The \\\"Quoted\\\" \\${club}\";", text, StringComparison.Ordinal);
        var evaluated = NixTool.EvaluateJson(text, "services.peertube.settings.instance.name");
        Assert.Equal(name, System.Text.Json.JsonSerializer.Deserialize<string>(evaluated));
    }

    [Fact]
    public void Render_PixelfedDisplayName_IsQuotedForItsEnvironmentFile()
    {
        var spec = SampleSpecs.Pixelfed with { DisplayName = "The \"Quoted\" ${club}" };

        var text = NixosRenderer.Render(spec).Configuration;

        var evaluated = NixTool.EvaluateJson(text, "services.pixelfed.settings.APP_NAME");
        Assert.Equal("\"The \\\"Quoted\\\" $ {club}\"", System.Text.Json.JsonSerializer.Deserialize<string>(evaluated));
    }

    [Fact]
    public void Render_DeployKeyWithTwoLines_IsRefused()
    {
        var spec = SampleSpecs.Mastodon with { DeployPublicKey = SampleSpecs.DeployKey + "\nssh-ed25519 AAAA other" };

        var error = Assert.Throws<ArgumentException>(() => NixosRenderer.Render(spec));

        Assert.Contains("one OpenSSH public key line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RelayWithPasswordButNoUser_IsRefused()
    {
        var spec = SampleSpecs.Mastodon with { Smtp = SampleSpecs.Mastodon.Smtp with { Username = null } };

        var error = Assert.Throws<ArgumentException>(() => NixosRenderer.Render(spec));

        Assert.Contains("no user name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EndpointThatIsNoUrl_IsRefused()
    {
        var spec = SampleSpecs.Pixelfed with { Media = SampleSpecs.Pixelfed.Media with { Endpoint = "s3.example" } };

        var error = Assert.Throws<ArgumentException>(() => NixosRenderer.Render(spec));

        Assert.Contains("not an http or https URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MastodonWithPublicBaseUrl_SetsTheAliasHost()
    {
        var media = SampleSpecs.Mastodon.Media with { PublicBaseUrl = "https://media.provider.example/acme/" };
        var spec = SampleSpecs.Mastodon with { Media = media };

        var text = NixosRenderer.Render(spec).Configuration;

        Assert.Contains("S3_ALIAS_HOST = \"media.provider.example/acme\";", text, StringComparison.Ordinal);
    }
}
