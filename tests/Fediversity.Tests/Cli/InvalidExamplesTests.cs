using Fediversity.Configuration.Validation;

namespace Fediversity.Tests.Cli;

public sealed class InvalidExamplesTests : IDisposable
{
    private readonly Fedi fedi = new();

    public static TheoryData<string> InvalidExamples() =>
        [.. Directory.EnumerateFiles(Path.Combine(Fedi.RepositoryRoot, "examples", "invalid"), "*.json")
            .Select(f => Path.GetRelativePath(Fedi.RepositoryRoot, f))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public async Task Validate_InvalidExample_ExitsTwoNamingTheField(string file)
    {
        var expected = ConfigurationLoader.LoadOperatorFile(Path.Combine(Fedi.RepositoryRoot, file));
        Assert.False(expected.IsValid);

        var run = await fedi.RunAsync("validate", file);

        Assert.Equal(2, run.ExitCode);
        foreach (var problem in expected.Problems)
        {
            Assert.Contains($"{problem.Path}: {problem.Message}", run.Stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public async Task Apply_InvalidExample_ExitsTwoAndTouchesNothing(string file)
    {
        var run = await fedi.RunWithStateAsync("apply", file, "--yes", "-e", fedi.SandboxEnvironment());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fedi.SandboxRoot, "vms")) &&
            Directory.EnumerateFiles(Path.Combine(fedi.SandboxRoot, "vms"), "*.json").Any());
    }

    public void Dispose() => fedi.Dispose();
}
