using System.Diagnostics;
using Fediversity.Bench.Harness;

namespace Fediversity.Tests.Cli;

/// <summary>
/// Runs the real <c>fedi</c> program as a separate process, from the repository root, with its own state
/// folder and a private home so that nothing of the machine's user is read or written.
/// </summary>
internal sealed class Fedi : IDisposable
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "fedi.dll");

    public Fedi()
    {
        Root = Directory.CreateTempSubdirectory("fedi-cli-test-").FullName;
        State = Path.Combine(Root, "state");
        Home = Path.Combine(Root, "home");
        Directory.CreateDirectory(Home);
    }

    public static string RepositoryRoot => Repository.Root;

    public string Root { get; }

    public string State { get; }

    public string Home { get; }

    public string SandboxRoot => Path.Combine(State, "sandbox");

    /// <summary>Writes a sandbox environment with the given latencies and returns its path.</summary>
    public string SandboxEnvironment(int cloneMs = 0, int startMs = 0, int switchMs = 0, int storageMs = 0,
        int dnsMs = 0, string name = "test-sandbox", int clonesPerNode = 2)
    {
        var path = Path.Combine(Root, $"{name}-{cloneMs}-{switchMs}-{clonesPerNode}.json");
        File.WriteAllText(path, $$"""
            {
              "version": 1,
              "name": "{{name}}",
              "machines": { "type": "sandbox", "cloneMs": {{cloneMs}}, "startMs": {{startMs}}, "switchMs": {{switchMs}},
                            "clonesPerNode": {{clonesPerNode}} },
              "storage": { "type": "sandbox", "operationMs": {{storageMs}} },
              "dns": { "type": "sandbox", "operationMs": {{dnsMs}} },
              "mail": { "host": "mail.sandbox.internal", "fromDomain": "sandbox.internal" }
            }
            """);
        return path;
    }

    public Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = Home;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Home, ".local", "share");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public async Task<FediRun> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        return await FinishAsync(process);
    }

    /// <summary>Runs with <c>--state</c> set to this test's state folder.</summary>
    public Task<FediRun> RunWithStateAsync(params string[] arguments) => RunAsync([.. arguments, "--state", State]);

    public static async Task<FediRun> FinishAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new FediRun(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process killed by a test may still be letting go of its files.
        }
    }
}
