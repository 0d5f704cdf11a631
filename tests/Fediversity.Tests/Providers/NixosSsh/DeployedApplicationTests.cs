using Fediversity.Bench.Harness;
using Fediversity.Providers.NixosSsh.Host;

namespace Fediversity.Tests.Providers.NixosSsh;

public sealed class DeployedApplicationTests
{
    [Theory]
    [InlineData("mastodon", "social.acme.example", "mastodon-web.service")]
    [InlineData("pixelfed", "photos.acme.example", "phpfpm-pixelfed.service")]
    [InlineData("peertube", "video.acme.example", "peertube.service")]
    public void Detect_RenderedConfiguration_FindsTheApplicationItsDomainAndUnits(
        string application, string domain, string unit)
    {
        var golden = Path.Combine(
            Repository.Root, "tests", "Fediversity.Tests", "Configurator", "Nix", "Golden");
        var configuration = File.ReadAllText(Path.Combine(golden, $"{application}.nix"));

        var app = DeployedApplication.Detect(configuration);

        Assert.NotNull(app);
        Assert.Equal(application, app.Name);
        Assert.Equal(domain, app.Domain);
        Assert.Contains(unit, app.Units);
        Assert.Contains("nginx.service", app.Units);
    }

    [Fact]
    public void Detect_ConfigurationWithoutAnApplication_IsNull() =>
        Assert.Null(DeployedApplication.Detect("{ ... }: { services.openssh.enable = true; }"));
}
