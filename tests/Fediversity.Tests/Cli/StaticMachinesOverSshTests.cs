using System.Security.Cryptography;
using System.Text.Json;
using Fediversity.Tests.Providers.NixosSsh;

namespace Fediversity.Tests.Cli;

/// <summary>
/// <c>fedi apply</c> of the example operator onto three pre-deployed NixOS machines (real sshd servers in
/// network namespaces, with the stand-in NixOS and application commands), listed in an environment file as
/// static machines reached over SSH (one of them on port 2222); storage and DNS are the sandbox's.
/// </summary>
public sealed class StaticMachinesOverSshTests : IAsyncLifetime
{
    private static readonly string[] Applications = ["mastodon", "pixelfed", "peertube"];

    private readonly Fedi fedi = new();
    private readonly string bootstrapKey;
    private readonly Dictionary<string, TestMachine> machines = new(StringComparer.Ordinal);

    public StaticMachinesOverSshTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        bootstrapKey = key.ExportECPrivateKeyPem();
    }

    public async ValueTask InitializeAsync()
    {
        var started = await Task.WhenAll(
            Applications.Select(app => TestMachine.StartWithKeyAsync($"acme-{app}", bootstrapKey, PortOf(app))));
        foreach (var (app, machine) in Applications.Zip(started))
        {
            machines[app] = machine;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var machine in machines.Values)
        {
            await machine.DisposeAsync();
        }

        fedi.Dispose();
    }

    [Fact]
    public async Task Apply_StaticMachines_DeploysEachOnceWithItsAdminAndRedeploysOnlyWhatChanged()
    {
        var environment = Environment();

        var first = await ApplyAsync("examples/operator.json", environment);

        Assert.True(first.ExitCode == 0, first.ToString());
        foreach (var (app, machine) in machines)
        {
            Assert.Single(machine.ReadLines("switches.log"), line => line.EndsWith(" done", StringComparison.Ordinal));
            Assert.Contains(Progress(first, $"operators/acme/{app}/nixos"),
                m => m.StartsWith($"{app} is up:", StringComparison.Ordinal));

            // The first switch handed the machine over: the operator's deploy key is now the only one let in.
            var keys = machine.Read("/etc/ssh/authorized_keys.d/root");
            Assert.Contains("fediversity-deploy@acme", keys, StringComparison.Ordinal);
            Assert.DoesNotContain(machine.DeployPublicKey.Split(' ')[1], keys, StringComparison.Ordinal);
        }

        await AssertCredentialsAreTheAccountsMadeAsync();

        var second = await ApplyAsync("examples/operator.json", environment);

        Assert.True(second.ExitCode == 0, second.ToString());
        var unchanged = second.Summary();
        Assert.Equal(0, unchanged.GetProperty("created").GetInt32() + unchanged.GetProperty("updated").GetInt32()
            + unchanged.GetProperty("replaced").GetInt32() + unchanged.GetProperty("deleted").GetInt32());
        Assert.All(machines.Values, m => Assert.Single(m.ReadLines("switches.log")));

        var changed = Path.Combine(fedi.Root, "operator.json");
        await File.WriteAllTextAsync(changed, (await File.ReadAllTextAsync(
                Path.Combine(Fedi.RepositoryRoot, "examples", "operator.json"), TestContext.Current.CancellationToken))
            .Replace("\"registrations\": \"closed\"", "\"registrations\": \"open\"", StringComparison.Ordinal)
            .Replace("../schema/", $"{Fedi.RepositoryRoot}/schema/", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);

        var third = await ApplyAsync(changed, environment);

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal(2, machines["mastodon"].ReadLines("switches.log").Length);
        Assert.Contains("settings registrations open", machines["mastodon"].Read("/etc/nixos/configuration.nix"),
            StringComparison.Ordinal);
        Assert.Single(machines["pixelfed"].ReadLines("switches.log"));
        Assert.Single(machines["peertube"].ReadLines("switches.log"));
        await AssertCredentialsAreTheAccountsMadeAsync();

        // No password went into the runs' output or onto a machine's command line.
        foreach (var password in (await CredentialsAsync()).Select(c => c.GetProperty("password").GetString()!))
        {
            Assert.All(new[] { first, second, third }, run => Assert.DoesNotContain(
                password, run.Stdout + run.Stderr, StringComparison.Ordinal));
            Assert.All(machines.Values, m => Assert.DoesNotContain(
                m.Sessions(), s => s.Contains(password, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Apply_OneMachinesHostKeyChanged_IsRefusedWhileTheOthersDeploy()
    {
        // The key pinned for PeerTube's machine is another machine's: whoever answers there is not it.
        var environment = Environment(("peertube", machines["mastodon"].HostKey));

        var run = await ApplyAsync("examples/operator.json", environment);

        Assert.Equal(1, run.ExitCode);
        var failure = Assert.Single(run.JsonLines(), e => e.GetProperty("type").GetString() == "step-failed"
            && e.GetProperty("address").GetString() == "operators/acme/peertube/nixos");
        Assert.Contains(
            "differs from the one pinned", failure.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(machines["peertube"].Sessions());
        Assert.False(machines["peertube"].Exists("/etc/nixos/configuration.nix"));

        foreach (var app in (string[])["mastodon", "pixelfed"])
        {
            Assert.Single(machines[app].ReadLines("switches.log"), l => l.EndsWith(" done", StringComparison.Ordinal));
            Assert.Contains(Progress(run, $"operators/acme/{app}/nixos"),
                m => m.StartsWith($"{app} is up:", StringComparison.Ordinal));
        }

        var credentials = await CredentialsAsync();
        Assert.Equal(
            ["mastodon", "pixelfed"],
            credentials.Select(c => c.GetProperty("application").GetString()).Order());
    }

    [Fact]
    public async Task Refresh_ConfigurationChangedOnTheMachine_IsDriftAndTheNextApplyPutsItBack()
    {
        var environment = Environment();
        var apply = await ApplyAsync("examples/operator.json", environment);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var deployed = machines["pixelfed"].Read("/etc/nixos/configuration.nix");

        var clean = await fedi.RunWithStateAsync("refresh", "acme", "-e", environment, "--json");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.DoesNotContain(clean.JsonLines(), e => e.GetProperty("type").GetString() == "drift");

        await File.AppendAllTextAsync(machines["pixelfed"].OnMachine("/etc/nixos/configuration.nix"),
            "# changed by hand\n", TestContext.Current.CancellationToken);
        var refresh = await fedi.RunWithStateAsync("refresh", "acme", "-e", environment, "--json");

        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        var drift = Assert.Single(refresh.JsonLines(), e => e.GetProperty("type").GetString() == "drift");
        Assert.Equal("operators/acme/pixelfed/nixos", drift.GetProperty("address").GetString());

        var repair = await ApplyAsync("examples/operator.json", environment);

        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.Equal(deployed, machines["pixelfed"].Read("/etc/nixos/configuration.nix"));
        Assert.Equal(2, machines["pixelfed"].ReadLines("switches.log").Length);
        Assert.Single(machines["mastodon"].ReadLines("switches.log"));
        Assert.Single(machines["peertube"].ReadLines("switches.log"));
        Assert.Single(machines["pixelfed"].Commands(),
            c => c.StartsWith("pixelfed-manage user:create", StringComparison.Ordinal));
    }

    /// <summary>Each admin account was made once, by its application's tooling, with the password shown.</summary>
    private async Task AssertCredentialsAreTheAccountsMadeAsync()
    {
        var credentials = (await CredentialsAsync()).ToDictionary(
            c => c.GetProperty("application").GetString()!, StringComparer.Ordinal);
        Assert.Equal(Applications.Order(), credentials.Keys.Order());

        var mastodon = credentials["mastodon"];
        var owner = mastodon.GetProperty("username").GetString()!;
        Assert.Equal(
            "email=admin@acme.example\nrole=Owner\nconfirmed=yes\napproved=yes\n",
            machines["mastodon"].ReadRecord($"accounts/mastodon/{owner}"));
        Assert.Equal(mastodon.GetProperty("password").GetString(),
            machines["mastodon"].ReadRecord($"accounts/mastodon/{owner}.password"));
        Assert.Single(machines["mastodon"].Commands(),
            c => c.StartsWith($"tootctl accounts create {owner} ", StringComparison.Ordinal));

        var pixelfed = credentials["pixelfed"];
        var admin = pixelfed.GetProperty("username").GetString()!;
        Assert.Equal(
            $"name={admin}\nemail=admin@acme.example\nadmin=yes\nverified=yes\n",
            machines["pixelfed"].ReadRecord($"accounts/pixelfed/{admin}"));
        Assert.Equal(pixelfed.GetProperty("password").GetString(),
            machines["pixelfed"].ReadRecord($"accounts/pixelfed/{admin}.password"));
        Assert.Single(machines["pixelfed"].Commands(),
            c => c.StartsWith("pixelfed-manage user:create", StringComparison.Ordinal));

        var peertube = credentials["peertube"];
        Assert.Equal("root", peertube.GetProperty("username").GetString());
        Assert.Equal(peertube.GetProperty("password").GetString(),
            machines["peertube"].ReadRecord("accounts/peertube/root.password"));
        Assert.Single(machines["peertube"].Commands(),
            c => c.StartsWith("npm run --silent reset-password -- -u root", StringComparison.Ordinal));
    }

    /// <summary>PeerTube's machine answers SSH on another port than 22, as the environment says.</summary>
    private static int PortOf(string app) => app == "peertube" ? 2222 : 22;

    private Task<FediRun> ApplyAsync(string configuration, string environment) =>
        fedi.RunWithStateAsync("apply", configuration, "-e", environment, "--yes", "--json");

    private async Task<IReadOnlyList<JsonElement>> CredentialsAsync()
    {
        var run = await fedi.RunWithStateAsync("credentials", "acme", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. run.JsonLines().Where(e => e.GetProperty("type").GetString() == "credentials")];
    }

    private static IEnumerable<string> Progress(FediRun run, string address) => run.JsonLines()
        .Where(e => e.GetProperty("type").GetString() == "step-progress"
            && e.GetProperty("address").GetString() == address)
        .Select(e => e.GetProperty("message").GetString()!);

    /// <summary>
    /// Writes the environment: the three machines with their pinned host keys (or the given wrong ones), the key
    /// they were installed with as the bootstrap key, sandbox storage and DNS.
    /// </summary>
    private string Environment(params (string Application, string HostKey)[] pinnedOtherwise)
    {
        File.WriteAllText(Path.Combine(fedi.Root, "bootstrap-key"), bootstrapKey);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(
                Path.Combine(fedi.Root, "bootstrap-key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var hosts = Applications.Select(app => new Dictionary<string, object>
        {
            ["name"] = machines[app].Name,
            ["address"] = machines[app].Address,
            ["port"] = machines[app].Port,
            ["hostKey"] = pinnedOtherwise.Any(p => p.Application == app)
                ? pinnedOtherwise.First(p => p.Application == app).HostKey
                : machines[app].HostKey,
            ["operator"] = "acme",
            ["application"] = app,
        });
        var document = new Dictionary<string, object>
        {
            ["version"] = 1,
            ["name"] = "static-test",
            ["machines"] = new Dictionary<string, object>
            {
                ["type"] = "static",
                ["bootstrapKeyFile"] = "bootstrap-key",
                ["hosts"] = hosts.ToList(),
            },
            ["access"] = new Dictionary<string, object> { ["type"] = "ssh", ["switchTimeoutSeconds"] = 60 },
            ["storage"] = new Dictionary<string, object> { ["type"] = "sandbox", ["operationMs"] = 0 },
            ["dns"] = new Dictionary<string, object> { ["type"] = "sandbox", ["operationMs"] = 0 },
            ["mail"] = new Dictionary<string, object>
            {
                ["host"] = "mail.provider.example",
                ["fromDomain"] = "acme.example",
            },
        };

        var path = Path.Combine(fedi.Root, "environment.static.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }
}
