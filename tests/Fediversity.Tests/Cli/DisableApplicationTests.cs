using System.Text.Json.Nodes;
using Fediversity.Sandbox;

namespace Fediversity.Tests.Cli;

/// <summary>Disabling an application removes it; its data is kept or deleted as the operator chose.</summary>
public sealed class DisableApplicationTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task Disable_WithoutSayingWhatBecomesOfTheData_IsRefused()
    {
        var file = Variant(pixelfed => pixelfed["enabled"] = false);

        var run = await fedi.RunWithStateAsync("apply", file, "-e", fedi.SandboxEnvironment(), "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.applications.pixelfed.dataWhenDisabled", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableKeepingData_ThenEnableAgain_FindsTheSameObjectsInTheSameBucket()
    {
        var environment = fedi.SandboxEnvironment();
        await ApplyAsync("examples/operator.json", environment);
        var world = new SandboxWorld(fedi.SandboxRoot, SandboxLatency.None, TimeProvider.System);
        var bucket = world.ObjectStore.FindBucket("acme-pixelfed-media")!;
        world.ObjectStore.PutObject(bucket.Id, "photos/cat.jpg", [1, 2, 3, 4]);

        var disabled = Variant(pixelfed => { pixelfed["enabled"] = false; pixelfed["dataWhenDisabled"] = "keep"; });
        var plan = await fedi.RunWithStateAsync("plan", disabled, "-e", environment);
        Assert.Contains("Data kept for disabled applications", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("= operators/acme/pixelfed/bucket", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("- operators/acme/pixelfed/vm", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("- operators/acme/pixelfed/bucket", plan.Stdout, StringComparison.Ordinal);
        await ApplyAsync(disabled, environment);

        Assert.Null(world.Hypervisor.FindByName("acme-pixelfed"));
        Assert.Equal(bucket.Id, world.ObjectStore.FindBucket("acme-pixelfed-media")!.Id);
        Assert.NotNull(world.ObjectStore.FindKeyByName("acme-pixelfed"));
        await fedi.RunWithStateAsync("refresh", "acme", "-e", environment);
        var status = await fedi.RunWithStateAsync("status", "acme");
        Assert.Contains("retained data: acme-pixelfed-media (1 objects, 4 bytes", status.Stdout, StringComparison.Ordinal);

        var enabled = await ApplyAsync("examples/operator.json", environment);

        Assert.NotNull(world.Hypervisor.FindByName("acme-pixelfed"));
        var again = world.ObjectStore.FindBucket("acme-pixelfed-media")!;
        Assert.Equal(bucket.Id, again.Id);
        Assert.Equal(["photos/cat.jpg"], world.ObjectStore.ListObjects(again.Id));
        Assert.True(enabled.Summary().GetProperty("unchanged").GetInt32() >= 3);
    }

    [Fact]
    public async Task DisableDeletingData_EmptiesAndRemovesTheBucket()
    {
        var environment = fedi.SandboxEnvironment();
        await ApplyAsync("examples/operator.json", environment);
        var world = new SandboxWorld(fedi.SandboxRoot, SandboxLatency.None, TimeProvider.System);
        world.ObjectStore.PutObject(world.ObjectStore.FindBucket("acme-pixelfed-media")!.Id, "a.jpg", [1]);

        var disabled = Variant(pixelfed => { pixelfed["enabled"] = false; pixelfed["dataWhenDisabled"] = "delete"; });
        var plan = await fedi.RunWithStateAsync("plan", disabled, "-e", environment);
        Assert.Contains("- operators/acme/pixelfed/bucket (s3-bucket): no longer configured  [DESTROYS DATA]", plan.Stdout,
            StringComparison.Ordinal);
        await ApplyAsync(disabled, environment);

        Assert.Null(world.ObjectStore.FindBucket("acme-pixelfed-media"));
        Assert.Null(world.ObjectStore.FindKeyByName("acme-pixelfed"));
        Assert.Null(world.Hypervisor.FindByName("acme-pixelfed"));
        Assert.NotNull(world.Hypervisor.FindByName("acme-mastodon"));
        Assert.Equal(2, world.Dns.RecordSets("acme.example.").Count);
    }

    private async Task<FediRun> ApplyAsync(string file, string environment)
    {
        var run = await fedi.RunWithStateAsync("apply", file, "-e", environment, "--yes", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private string Variant(Action<JsonObject> changePixelfed)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Fedi.RepositoryRoot, "examples", "operator.json")))!;
        document.AsObject().Remove("$schema");
        changePixelfed(document["applications"]!["pixelfed"]!.AsObject());
        var path = Path.Combine(fedi.Root, $"variant-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    public void Dispose() => fedi.Dispose();
}
