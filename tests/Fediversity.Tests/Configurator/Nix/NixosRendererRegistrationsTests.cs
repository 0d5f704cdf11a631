using Fediversity.Configuration.Operator;
using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

public sealed class NixosRendererRegistrationsTests
{
    [Theory]
    [InlineData(Registrations.Open, "settings registrations open\";")]
    [InlineData(Registrations.Closed, "settings registrations close\";")]
    public void Render_Mastodon_SetsTheSignUpModeWithTootctl(Registrations registrations, string expected)
    {
        var text = Render(SampleSpecs.Mastodon, registrations);

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Registrations.Open, "OPEN_REGISTRATION = true;")]
    [InlineData(Registrations.Closed, "OPEN_REGISTRATION = false;")]
    public void Render_Pixelfed_SetsOpenRegistration(Registrations registrations, string expected)
    {
        var text = Render(SampleSpecs.Pixelfed, registrations);

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Registrations.Open, true)]
    [InlineData(Registrations.Closed, false)]
    public void Render_Peertube_SetsSignupEnabled(Registrations registrations, bool open)
    {
        var text = Render(SampleSpecs.Peertube, registrations);

        Assert.Contains($"signup.enabled = {(open ? "true" : "false")};", text, StringComparison.Ordinal);
        Assert.Contains($"signup.requires_approval = {(open ? "false" : "true")};", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApplicationName.Mastodon)]
    [InlineData(ApplicationName.Pixelfed)]
    [InlineData(ApplicationName.Peertube)]
    public void Render_OpenAndClosed_DifferOnlyInTheSignUpLines(ApplicationName application)
    {
        var spec = SampleSpecs.For(application);

        var open = Render(spec, Registrations.Open).Split('\n');
        var closed = Render(spec, Registrations.Closed).Split('\n');

        Assert.Equal(open.Length, closed.Length);
        var changed = open.Zip(closed).Where(pair => pair.First != pair.Second).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, pair => Assert.Matches("(?i)registration|signup", pair.First));
    }

    private static string Render(NixosHostSpec spec, Registrations registrations) =>
        NixosRenderer.Render(spec with { Registrations = registrations }).Configuration;
}
