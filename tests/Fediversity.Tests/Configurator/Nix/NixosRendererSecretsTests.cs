using Fediversity.Configuration.Operator;
using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

public sealed class NixosRendererSecretsTests
{
    /// <summary>Names that carry a secret value; they may appear in secret files only.</summary>
    private static readonly string[] SecretNames =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "APP_KEY", "MAIL_PASSWORD", "SMTP_PASSWORD",
        "PT_INITIAL_ROOT_PASSWORD", "password =", "secret =", "credentials",
    ];

    [Theory]
    [InlineData(ApplicationName.Mastodon)]
    [InlineData(ApplicationName.Pixelfed)]
    [InlineData(ApplicationName.Peertube)]
    public void Render_AnyApplication_WritesNoSecretIntoTheConfiguration(ApplicationName application)
    {
        var rendering = NixosRenderer.Render(SampleSpecs.For(application));

        Assert.All(SecretNames, name => Assert.DoesNotContain(name, rendering.Configuration, StringComparison.Ordinal));
        Assert.All(rendering.SecretFiles, file => Assert.Contains(
            NixString.Quote(file.Path), rendering.Configuration, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ApplicationName.Mastodon)]
    [InlineData(ApplicationName.Pixelfed)]
    [InlineData(ApplicationName.Peertube)]
    public void Render_AnyApplication_ReferencesFilesOnlyInsideTheSecretsFolder(ApplicationName application)
    {
        var text = NixosRenderer.Render(SampleSpecs.For(application)).Configuration;

        var fileOptions = text.Split('\n')
            .Where(line => line.Contains("File = ", StringComparison.Ordinal)
                || line.Contains("Files = ", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(fileOptions);
        Assert.All(fileOptions, line => Assert.Contains(
            "\"" + NixosRenderer.SecretsFolder + "/", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ApplicationName.Mastodon, "mastodon")]
    [InlineData(ApplicationName.Pixelfed, "pixelfed")]
    [InlineData(ApplicationName.Peertube, "peertube")]
    public void Render_AnyApplication_GivesSecretFilesToTheServiceUserOnly(ApplicationName application, string user)
    {
        var files = NixosRenderer.Render(SampleSpecs.For(application)).SecretFiles;

        Assert.NotEmpty(files);
        Assert.Equal(files.Count, files.Select(f => f.Path).Distinct().Count());
        Assert.All(files, file =>
        {
            Assert.StartsWith(NixosRenderer.SecretsFolder + "/", file.Path, StringComparison.Ordinal);
            Assert.Equal(user, file.Owner);
            Assert.Equal(user, file.Group);
            Assert.Equal("0400", file.Mode);
        });
    }

    [Theory]
    [InlineData(ApplicationName.Mastodon, "S3AccessKeyId S3SecretAccessKey SmtpPassword")]
    [InlineData(ApplicationName.Pixelfed, "ApplicationSecret S3AccessKeyId S3SecretAccessKey SmtpPassword")]
    [InlineData(ApplicationName.Peertube, "AdminPassword ApplicationSecret S3AccessKeyId S3SecretAccessKey")]
    public void Render_AnyApplication_AsksForExactlyTheSecretsItNeeds(ApplicationName application, string expected)
    {
        var files = NixosRenderer.Render(SampleSpecs.For(application)).SecretFiles;

        var sources = files.SelectMany(f => f.Content).OfType<SecretValuePart>()
            .Select(p => p.Source.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(expected, string.Join(' ', sources));
    }

    [Fact]
    public void Render_RelayWithoutPassword_AsksForNoSmtpPassword()
    {
        var smtp = new SmtpSpec("relay.provider.internal", 25, "social@acme.example", null, HasPassword: false);
        var rendering = NixosRenderer.Render(SampleSpecs.Mastodon with { Smtp = smtp });

        var sources = rendering.SecretFiles.SelectMany(f => f.Content).OfType<SecretValuePart>();

        Assert.DoesNotContain(sources, p => p.Source == SecretSource.SmtpPassword);
        Assert.Contains("authenticate = false;", rendering.Configuration, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EnvironmentFile_QuotesEveryValueOnItsOwnLine()
    {
        var files = NixosRenderer.Render(SampleSpecs.Peertube).SecretFiles;

        var environment = files.Single(f => f.Path.EndsWith("peertube.env", StringComparison.Ordinal));

        Assert.Equal(
            "PT_INITIAL_ROOT_PASSWORD='{AdminPassword}'\nAWS_ACCESS_KEY_ID='{S3AccessKeyId}'\n"
            + "AWS_SECRET_ACCESS_KEY='{S3SecretAccessKey}'\n",
            SecretFileText.Content(environment));
    }
}
