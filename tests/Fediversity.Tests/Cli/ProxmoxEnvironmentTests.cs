using System.Net.Http.Json;
using System.Text.Json;
using ARSoft.Tools.Net.Dns;
using Fediversity.Tests.Emulators.Garage;
using Fediversity.Tests.Emulators.Proxmox;
using Fediversity.Tests.Providers.PowerDns;

namespace Fediversity.Tests.Cli;

/// <summary>
/// The real <c>fedi</c> against an environment of real kinds: machines from the emulated Proxmox VE,
/// buckets from the emulated Garage, names on a real PowerDNS server; configurations go into a folder.
/// </summary>
public sealed class ProxmoxEnvironmentTests : IAsyncLifetime
{
    private const string ProxmoxSecret = "7c6f2b0e-3a44-4d8e-b1f0-5e2a9c0d4e11";
    private const string GarageToken = "garage-admin-token-for-cli-tests";

    private readonly Fedi fedi = new();
    private readonly PowerDnsServer dns = new();
    private ProxmoxEmulator proxmox = null!;
    private GarageEmulator garage = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await dns.InitializeAsync();
        proxmox = await ProxmoxEmulator.StartAsync(ProxmoxSecret, TimeProvider.System, Ct);
        garage = await GarageEmulator.StartAsync(GarageToken, "garage", TimeProvider.System, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await proxmox.DisposeAsync();
        await garage.DisposeAsync();
        await dns.DisposeAsync();
        fedi.Dispose();
    }

    [Fact]
    public async Task ApplyThenApplyThenDestroy_MakesEverythingOnceAndRemovesItAll()
    {
        var environment = WriteEnvironment(vmLimit: 3);

        var apply = await ApplyAsync(environment);

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(
            ["acme-mastodon", "acme-peertube", "acme-pixelfed"], proxmox.State.Vms.Select(v => v.Name).Order());
        Assert.All(proxmox.State.Vms, vm => Assert.Equal(("running", "linstor-shared"), (vm.Status, vm.DiskStorage)));
        Assert.Equal(["acme-mastodon-media", "acme-peertube-media", "acme-pixelfed-media"],
            GarageBuckets().Select(b => b.GlobalAliases.Single()).Order());
        Assert.Equal(3, garage.State.Keys.Count);
        Assert.All(GarageBuckets(), b => Assert.Contains(b.Grants.Values, g => g.Read && g.Write));
        var mastodon = proxmox.State.Find("acme-mastodon")!;
        var address = mastodon.Config["ipconfig0"].Split(',')[0][3..].Split('/')[0];
        Assert.Equal([address], await LoopbackDns.DataAsync(dns.DnsPort, "social.acme.example.", RecordType.A));
        Assert.Single(await LoopbackDns.DataAsync(dns.DnsPort, "photos.acme.example.", RecordType.A));
        Assert.Single(await LoopbackDns.DataAsync(dns.DnsPort, "video.acme.example.", RecordType.A));
        Assert.True(File.Exists(Path.Combine(fedi.SandboxRoot, "machines", "acme-mastodon", "etc", "nixos",
            "configuration.nix")), "the configuration should land in the machine's folder");

        var again = await ApplyAsync(environment);

        Assert.True(again.ExitCode == 0, again.ToString());
        var summary = again.Summary();
        Assert.Equal(0, summary.GetProperty("created").GetInt32() + summary.GetProperty("updated").GetInt32() +
            summary.GetProperty("replaced").GetInt32() + summary.GetProperty("deleted").GetInt32());
        Assert.Equal(3, proxmox.State.Vms.Count);

        var calls = proxmox.State.Calls.Count;
        var otherTemplate = WriteEnvironment(3, template: 9001);
        var moved = await fedi.RunWithStateAsync("plan", "examples/operator.json", "-e", otherTemplate);

        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Contains("3 to replace", moved.Stdout, StringComparison.Ordinal);
        Assert.Contains("operators/acme/mastodon/vm", moved.Stdout, StringComparison.Ordinal);
        Assert.Contains("[DESTROYS DATA]", moved.Stdout, StringComparison.Ordinal);
        Assert.Contains("(forces replacement)", moved.Stdout, StringComparison.Ordinal);
        Assert.Equal(calls, proxmox.State.Calls.Count);

        var destroy = await fedi.RunWithStateAsync("destroy", "acme", "-e", environment, "--yes", "--json");

        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(proxmox.State.Vms);
        Assert.Empty(GarageBuckets());
        Assert.Empty(garage.State.Keys);
        Assert.Empty(await LoopbackDns.DataAsync(dns.DnsPort, "social.acme.example.", RecordType.A));
        Assert.Empty(await PowerDnsZonesAsync());
        foreach (var run in new[] { apply, again, moved, destroy })
        {
            Assert.DoesNotContain(ProxmoxSecret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(fedi.State, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            Assert.False(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(ProxmoxSecret)) >= 0,
                $"{file} holds the Proxmox token secret");
        }
    }

    [Fact]
    public async Task Refresh_MachineResizedAndOneDeletedOutside_ShowsBothAndApplyRepairs()
    {
        var environment = WriteEnvironment(vmLimit: 3);
        var apply = await ApplyAsync(environment);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        proxmox.State.ChangeOutside(proxmox.State.Find("acme-pixelfed")!.VmId, 1, 1024);
        proxmox.State.DeleteOutside(proxmox.State.Find("acme-peertube")!.VmId);

        var refresh = await fedi.RunWithStateAsync("refresh", "acme", "-e", environment);
        var repair = await ApplyAsync(environment);

        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        Assert.Contains("Drift in", refresh.Stdout, StringComparison.Ordinal);
        Assert.Contains("  operators/acme/pixelfed/vm: ", refresh.Stdout, StringComparison.Ordinal);
        Assert.Contains("  operators/acme/peertube/vm: ", refresh.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("  operators/acme/mastodon/vm: ", refresh.Stdout, StringComparison.Ordinal);
        Assert.True(repair.ExitCode == 0, repair.ToString());
        var pixelfed = proxmox.State.Find("acme-pixelfed")!;
        Assert.Equal((2, 4096), (pixelfed.Cores, pixelfed.MemoryMiB));
        Assert.Equal("running", proxmox.State.Find("acme-peertube")!.Status);
    }

    [Fact]
    public async Task Apply_OverTheMachineLimit_RefusedNamingTheLimitBeforeAnyCall()
    {
        var environment = WriteEnvironment(vmLimit: 2);

        var run = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("the limit 'vms' is 2", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Empty(proxmox.State.Calls);
        Assert.Empty(GarageBuckets());
        Assert.Empty(garage.State.Keys);
        Assert.Empty(await PowerDnsZonesAsync());
    }

    [Fact]
    public async Task Plan_TokenSecretFileMissing_RefusedNamingTheField()
    {
        var environment = WriteEnvironment(vmLimit: 3);
        File.Delete(Path.Combine(fedi.Root, "secrets", "proxmox-token-secret"));

        var run = await fedi.RunWithStateAsync("plan", "examples/operator.json", "-e", environment);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("$.machines.tokenSecretFile", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(proxmox.State.Calls);
    }

    private Task<FediRun> ApplyAsync(string environment) =>
        fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");

    private List<EmulatedBucket> GarageBuckets()
    {
        lock (garage.State.Gate)
        {
            return [.. garage.State.Buckets.Values];
        }
    }

    private async Task<List<JsonElement>> PowerDnsZonesAsync()
    {
        var zones = new Uri(dns.ApiUrl, "api/v1/servers/localhost/zones");
        using var request = new HttpRequestMessage(HttpMethod.Get, zones);
        request.Headers.Add("X-API-Key", dns.ApiKey.Reveal());
        using var response = await dns.Http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    private string WriteEnvironment(int vmLimit, int template = 9000)
    {
        var secrets = Path.Combine(fedi.Root, "secrets");
        Directory.CreateDirectory(secrets);
        File.WriteAllText(Path.Combine(secrets, "proxmox-token-secret"), ProxmoxSecret + "\n");
        File.WriteAllText(Path.Combine(secrets, "garage-admin-token"), GarageToken + "\n");
        File.WriteAllText(Path.Combine(secrets, "powerdns-api-key"), dns.ApiKey.Reveal() + "\n");

        var path = Path.Combine(fedi.Root, $"environment-{vmLimit}-{template}.json");
        File.WriteAllText(path, $$"""
            {
              "version": 1,
              "name": "emulated-proxmox",
              "machines": {
                "type": "proxmox",
                "endpoint": "{{proxmox.Endpoint}}",
                "tokenId": "{{ProxmoxEmulator.TokenId}}",
                "tokenSecretFile": "secrets/proxmox-token-secret",
                "node": "pve1",
                "template": {{template}},
                "storagePool": "linstor-shared",
                "bridge": "vmbr1",
                "addresses": {
                  "cidr": "192.0.2.0/24", "first": "192.0.2.10", "last": "192.0.2.200", "gateway": "192.0.2.1"
                },
                "nameservers": ["192.0.2.53"],
                "clonesPerNode": 2
              },
              "storage": {
                "type": "garage",
                "adminEndpoint": "{{garage.AdminEndpoint}}",
                "adminTokenFile": "secrets/garage-admin-token",
                "s3Endpoint": "{{garage.S3Endpoint}}"
              },
              "dns": {
                "type": "powerdns",
                "url": "{{dns.ApiUrl}}",
                "apiKeyFile": "secrets/powerdns-api-key",
                "nameservers": ["ns1.example.net", "ns2.example.net"]
              },
              "access": { "type": "folder" },
              "mail": { "host": "smtp.example.net", "fromDomain": "example.net" },
              "limits": { "vms": {{vmLimit}} }
            }
            """);
        return path;
    }
}
