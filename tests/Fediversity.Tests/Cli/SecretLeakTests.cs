using System.Text;
using Fediversity.Orchestrator.State;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Cli;

/// <summary>No generated secret shows in clear in any plan, event, progress line or state file.</summary>
public sealed class SecretLeakTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task Apply_GeneratedSecrets_AppearInNoOutputAndNoStateFile()
    {
        var environment = fedi.SandboxEnvironment();
        var outputs = new List<FediRun>
        {
            await fedi.RunWithStateAsync("plan", "examples/operator.json", "-e", environment),
            await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json"),
            await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes"),
            await fedi.RunWithStateAsync("plan", "examples/operator.json", "-e", environment, "--json"),
            await fedi.RunWithStateAsync("status"),
            await fedi.RunWithStateAsync("status", "--json"),
            await fedi.RunWithStateAsync("accounting"),
            await fedi.RunWithStateAsync("accounting", "--json"),
        };
        Assert.All(outputs, run => Assert.True(run.ExitCode == 0, run.ToString()));

        var secrets = await GeneratedSecretsAsync();
        Assert.True(secrets.Count >= 10, $"expected the passwords, keys and app secrets; found {secrets.Count}");

        // The machines do hold their secret files: the scan below would find a leak if there were one.
        var machineFiles = Directory.EnumerateFiles(Path.Combine(fedi.SandboxRoot, "machines"), "*", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToList();
        Assert.Contains(machineFiles, text => secrets.Any(s => text.Contains(s, StringComparison.Ordinal)));

        foreach (var run in outputs)
        {
            AssertFree(run.Stdout + run.Stderr, secrets, "command output");
        }

        foreach (var file in Directory.EnumerateFiles(fedi.State, "fedi.db*"))
        {
            AssertFree(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)),
                secrets, file);
        }
    }

    private async Task<List<string>> GeneratedSecretsAsync()
    {
        var store = await StateStore.OpenSqliteAsync(fedi.State, TimeProvider.System, TestContext.Current.CancellationToken);
        var state = await store.LoadAsync("acme", TestContext.Current.CancellationToken);
        return [.. state.Resources.Values
            .SelectMany(r => r.Outputs.Values)
            .SelectMany(Secrets)
            .Where(s => s.Length >= 8)
            .Distinct()];
    }

    private static IEnumerable<string> Secrets(ResourceValue value) => value switch
    {
        SecretValue s => SecretLines(s.Secret.Reveal()),
        ListValue l => l.Items.SelectMany(Secrets),
        MapValue m => m.Entries.Values.SelectMany(Secrets),
        _ => [],
    };

    /// <summary>A private key is looked for line by line, so that a partial leak is found too.</summary>
    private static IEnumerable<string> SecretLines(string secret) =>
        secret.Contains('\n', StringComparison.Ordinal)
            ? secret.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))
            : [secret];

    private static void AssertFree(string text, List<string> secrets, string where)
    {
        var leaked = secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, $"{leaked.Count} secret(s) in clear in {where}");
    }

    public void Dispose() => fedi.Dispose();
}
