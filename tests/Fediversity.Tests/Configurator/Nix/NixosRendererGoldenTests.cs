using Fediversity.Configuration.Operator;
using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

public sealed class NixosRendererGoldenTests
{
    [Theory]
    [InlineData(ApplicationName.Mastodon)]
    [InlineData(ApplicationName.Pixelfed)]
    [InlineData(ApplicationName.Peertube)]
    public void Render_SampleSpec_MatchesGoldenConfiguration(ApplicationName application)
    {
        var rendering = NixosRenderer.Render(SampleSpecs.For(application));

        GoldenFile.Check(application.ToString().ToLowerInvariant() + ".nix", rendering.Configuration);
    }

    [Theory]
    [InlineData(ApplicationName.Mastodon)]
    [InlineData(ApplicationName.Pixelfed)]
    [InlineData(ApplicationName.Peertube)]
    public void Render_SampleSpec_MatchesGoldenSecretFiles(ApplicationName application)
    {
        var rendering = NixosRenderer.Render(SampleSpecs.For(application));

        GoldenFile.Check(
            application.ToString().ToLowerInvariant() + ".secrets.txt",
            SecretFileText.Describe(rendering.SecretFiles));
    }
}
