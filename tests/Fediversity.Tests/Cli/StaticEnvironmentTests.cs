using System.Text.Json;

namespace Fediversity.Tests.Cli;

/// <summary>Mistakes in an environment of pre-deployed machines, caught before anything is touched.</summary>
public sealed class StaticEnvironmentTests : IDisposable
{
    private const string HostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKjovB4E7JFu0d4Q/RDihr05jhVp53DWtfwvcbMG1nVC";

    private readonly Fedi fedi = new();

    [Fact]
    public async Task Apply_BootstrapKeyFileHoldsNoKey_IsRefusedNamingTheField()
    {
        await File.WriteAllTextAsync(Path.Combine(fedi.Root, "bootstrap-key"), "not a key\n",
            TestContext.Current.CancellationToken);

        var environment = Environment(true, ("127.0.0.1", 22), ("127.0.0.2", 22));

        var run = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("$.machines.bootstrapKeyFile", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not a key", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fedi.State, "sandbox", "dns")), "nothing may have been made");
    }

    [Fact]
    public async Task Apply_OneAddressWithTwoSshPorts_IsRefusedNamingTheAddress()
    {
        var environment = Environment(false, ("127.0.0.1", 22), ("127.0.0.1", 2222));

        var run = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("127.0.0.1 is listed with the SSH ports 22 and 2222", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => fedi.Dispose();

    /// <summary>The applications' machines at the given addresses in turn, the last repeated; never reached.</summary>
    private string Environment(bool bootstrapKey, params (string Address, int Port)[] hosts)
    {
        string[] applications = ["mastodon", "pixelfed", "peertube"];
        var document = new Dictionary<string, object>
        {
            ["version"] = 1,
            ["name"] = "static-mistakes",
            ["machines"] = new Dictionary<string, object>
            {
                ["type"] = "static",
                ["hosts"] = applications.Select((app, i) => new Dictionary<string, object>
                {
                    ["name"] = $"acme-{app}",
                    ["address"] = hosts[Math.Min(i, hosts.Length - 1)].Address,
                    ["port"] = hosts[Math.Min(i, hosts.Length - 1)].Port,
                    ["hostKey"] = HostKey,
                    ["operator"] = "acme",
                    ["application"] = app,
                }).ToList(),
            },
            ["access"] = new Dictionary<string, object> { ["type"] = "ssh" },
            ["storage"] = new Dictionary<string, object> { ["type"] = "sandbox", ["operationMs"] = 0 },
            ["dns"] = new Dictionary<string, object> { ["type"] = "sandbox", ["operationMs"] = 0 },
        };

        if (bootstrapKey)
        {
            ((Dictionary<string, object>)document["machines"])["bootstrapKeyFile"] = "bootstrap-key";
        }

        var path = Path.Combine(fedi.Root, "environment.static.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }
}
