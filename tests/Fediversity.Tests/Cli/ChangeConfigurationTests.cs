using System.Text.Json.Nodes;
using Fediversity.Sandbox;

namespace Fediversity.Tests.Cli;

/// <summary>An edited configuration plans and applies only the difference.</summary>
public sealed class ChangeConfigurationTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task EnableApplication_AddsAllOfItsResourcesAndTouchesNothingElse()
    {
        var environment = fedi.SandboxEnvironment();
        var disabled = Variant("pixelfed", p => { p["enabled"] = false; p["dataWhenDisabled"] = "keep"; });
        var without = await ApplyAsync(disabled, environment);
        var before = without.Summary().GetProperty("created").GetInt32();
        Assert.DoesNotContain("acme-pixelfed", SandboxRecords.Read(fedi.SandboxRoot).VmNames);

        var plan = await fedi.RunWithStateAsync("plan", "examples/operator.json", "-e", environment, "--json");
        var steps = plan.JsonLines().Single().GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("action").GetString() != "no-op")
            .Select(s => (Address: s.GetProperty("address").GetString()!, Action: s.GetProperty("action").GetString()))
            .ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.StartsWith("operators/acme/pixelfed/", s.Address, StringComparison.Ordinal));
        Assert.All(steps, s => Assert.Equal("create", s.Action));

        var enabled = await ApplyAsync("examples/operator.json", environment);

        Assert.Equal(28, before + enabled.Summary().GetProperty("created").GetInt32());
        Assert.Equal(0, enabled.Summary().GetProperty("updated").GetInt32() +
            enabled.Summary().GetProperty("replaced").GetInt32() + enabled.Summary().GetProperty("deleted").GetInt32());
        var world = World();
        Assert.NotNull(world.Hypervisor.FindByName("acme-pixelfed"));
        Assert.NotNull(world.ObjectStore.FindBucket("acme-pixelfed-media"));
        Assert.NotNull(world.ObjectStore.FindKeyByName("acme-pixelfed"));
        Assert.NotNull(world.Dns.Get("acme.example.", "photos.acme.example.", "A"));
        Assert.Contains("photos.acme.example", world.Machines.ReadConfiguration("acme-pixelfed"),
            StringComparison.Ordinal);
        var account = (await fedi.RunWithStateAsync("credentials", "acme", "--json")).JsonLines()
            .Single(a => a.GetProperty("application").GetString() == "pixelfed");
        Assert.True(world.Machines.SignIn("acme-pixelfed", "pixelfed", account.GetProperty("username").GetString()!,
            account.GetProperty("password").GetString()!));
    }

    [Fact]
    public async Task NewSizeTier_ResizesTheSameMachineInPlace()
    {
        var environment = fedi.SandboxEnvironment();
        await ApplyAsync("examples/operator.json", environment);
        var world = World();
        var small = world.Hypervisor.FindByName("acme-pixelfed")!;
        Assert.Equal(2, small.Cores);

        var medium = Variant("pixelfed", p => p["size"] = "medium");
        var plan = await fedi.RunWithStateAsync("plan", medium, "-e", environment);
        Assert.Contains("~ operators/acme/pixelfed/vm (vm)", plan.Stdout, StringComparison.Ordinal);
        var resized = await ApplyAsync(medium, environment);

        var bigger = world.Hypervisor.FindByName("acme-pixelfed")!;
        Assert.Equal(small.VmId, bigger.VmId);
        Assert.Equal((4, 8192, 100), (bigger.Cores, bigger.MemoryMiB, bigger.DiskGiB));
        Assert.Equal(0, resized.Summary().GetProperty("created").GetInt32() +
            resized.Summary().GetProperty("replaced").GetInt32() + resized.Summary().GetProperty("deleted").GetInt32());
        var accounting = (await fedi.RunWithStateAsync("accounting", "acme", "--json")).JsonLines()
            .Where(p => p.GetProperty("address").GetString() == "operators/acme/pixelfed/vm").ToList();
        Assert.Equal([2L, 4L], accounting.Select(p => p.GetProperty("usage").GetProperty("cores").GetInt64()));
    }

    [Fact]
    public async Task NewSubdomain_MovesTheRecordAndTheVirtualHostAndRemovesTheOldName()
    {
        var environment = fedi.SandboxEnvironment();
        await ApplyAsync("examples/operator.json", environment);
        var world = World();
        var vm = world.Hypervisor.FindByName("acme-mastodon")!;

        var moved = await ApplyAsync(Variant("mastodon", m => m["subdomain"] = "toot"), environment);

        Assert.Equal(0, moved.Summary().GetProperty("failed").GetInt32());
        Assert.Null(world.Dns.Get("acme.example.", "social.acme.example.", "A"));
        Assert.Equal([vm.Ipv4], world.Dns.Get("acme.example.", "toot.acme.example.", "A")!.Records);
        Assert.Equal(vm.VmId, world.Hypervisor.FindByName("acme-mastodon")!.VmId);
        var configuration = world.Machines.ReadConfiguration("acme-mastodon")!;
        Assert.Contains("toot.acme.example", configuration, StringComparison.Ordinal);
        Assert.DoesNotContain("social.acme.example", configuration, StringComparison.Ordinal);
        var status = await fedi.RunWithStateAsync("status", "acme");
        Assert.Contains("https://toot.acme.example/", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("social.acme.example", status.Stdout, StringComparison.Ordinal);
        var account = (await fedi.RunWithStateAsync("credentials", "acme", "--json")).JsonLines()
            .Single(a => a.GetProperty("application").GetString() == "mastodon");
        Assert.True(world.Machines.SignIn("acme-mastodon", "mastodon", account.GetProperty("username").GetString()!,
            account.GetProperty("password").GetString()!));
    }

    private SandboxWorld World() => new(fedi.SandboxRoot, SandboxLatency.None, TimeProvider.System);

    private async Task<FediRun> ApplyAsync(string file, string environment)
    {
        var run = await fedi.RunWithStateAsync("apply", file, "-e", environment, "--yes", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private string Variant(string application, Action<JsonObject> change)
    {
        var example = Path.Combine(Fedi.RepositoryRoot, "examples", "operator.json");
        var document = JsonNode.Parse(File.ReadAllText(example))!;
        document.AsObject().Remove("$schema");
        change(document["applications"]![application]!.AsObject());
        var path = Path.Combine(fedi.Root, $"variant-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    public void Dispose() => fedi.Dispose();
}
