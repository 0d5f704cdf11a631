using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>The emulator refuses what Proxmox VE refuses, so that a provider calling it wrongly fails.</summary>
public sealed class ProxmoxEmulatorTests : IAsyncLifetime
{
    private const string Secret = "5f0e8a43-1111-4c2b-9d7e-0123456789ab";

    private readonly HttpClient http = new();
    private ProxmoxEmulator emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        emulator = await ProxmoxEmulator.StartAsync(Secret, TimeProvider.System, Ct);
        emulator.State.TasksUnknownAtFirst = false;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await emulator.DisposeAsync();
    }

    [Theory]
    [InlineData(null, "No ticket")]
    [InlineData("PVEAPIToken=fediversity@pve!deploy=wrong", "authentication failure")]
    public async Task AnyCall_MissingOrWrongToken_Is401(string? header, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/cluster/nextid"));
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
        Assert.Empty(emulator.State.Calls);
    }

    [Fact]
    public async Task NextId_FreeIdThenTakenIdRefused()
    {
        var (_, free) = await CallAsync(HttpMethod.Get, "/cluster/nextid");
        await CloneAsync(100, "a");

        var (status, body) = await CallAsync(HttpMethod.Get, "/cluster/nextid?vmid=100");

        Assert.Equal("100", free.GetProperty("data").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VM 100 already exists", body.GetProperty("errors").GetProperty("vmid").GetString());
    }

    [Fact]
    public async Task Clone_RunsAsATaskAndLocksTheMachineUntilItEnds()
    {
        emulator.State.CloneDuration = TimeSpan.FromMilliseconds(500);
        var upid = await CloneAsync(100, "a");

        var (configStatus, configBody) =
            await CallAsync(HttpMethod.Post, "/nodes/pve1/qemu/100/config", ("cores", "2"));
        var (_, running) = await CallAsync(HttpMethod.Get, $"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}/status");
        await Task.Delay(600, Ct);
        var (_, ended) = await CallAsync(HttpMethod.Get, $"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}/status");

        Assert.Equal(HttpStatusCode.InternalServerError, configStatus);
        Assert.Equal("VM is locked (clone)\n", configBody.GetProperty("message").GetString());
        Assert.Equal("running", running.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("stopped", ended.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("OK", ended.GetProperty("data").GetProperty("exitstatus").GetString());
        Assert.Null(emulator.State.Find("a")!.Lock);
    }

    [Fact]
    public async Task Clone_TooManyOfOneTemplate_TaskFailsInsideHttp200WithLockTimeout()
    {
        emulator.State.ParallelClonesPerTemplate = 1;
        await CloneAsync(100, "a");
        var upid = await CloneAsync(101, "b");
        await Task.Delay(400, Ct);

        var (status, body) = await CallAsync(HttpMethod.Get, $"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}/status");

        Assert.Equal(HttpStatusCode.OK, status);
        var exit = body.GetProperty("data").GetProperty("exitstatus").GetString();
        Assert.Contains("got timeout", exit, StringComparison.Ordinal);
        Assert.Null(emulator.State.Find("b"));
    }

    [Fact]
    public async Task Clone_VmIdTaken_Refused()
    {
        await CloneAsync(100, "a");

        var (status, body) = await CallAsync(HttpMethod.Post, "/nodes/pve1/qemu/9000/clone",
            ("newid", "100"), ("name", "b"), ("full", "1"));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("already exists", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_SshKeysNotUrlEncoded_Refused()
    {
        await CloneAndWaitAsync(100);

        var (status, body) = await CallAsync(HttpMethod.Put, "/nodes/pve1/qemu/100/config",
            ("sshkeys", "ssh-ed25519 AAAAC3Nza cardno:000609769932"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("invalid urlencoded string",
            body.GetProperty("errors").GetProperty("sshkeys").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_PostIsATaskAndPutIsDoneAtOnce()
    {
        await CloneAndWaitAsync(100);

        var (_, put) = await CallAsync(HttpMethod.Put, "/nodes/pve1/qemu/100/config", ("cores", "3"));
        var coresAfterPut = emulator.State.Find("a")!.Cores;
        emulator.State.TaskDuration = TimeSpan.FromMilliseconds(300);
        var (_, post) = await CallAsync(HttpMethod.Post, "/nodes/pve1/qemu/100/config", ("cores", "5"));
        var coresRightAfterPost = emulator.State.Find("a")!.Cores;

        Assert.Equal(JsonValueKind.Null, put.GetProperty("data").ValueKind);
        Assert.Equal(3, coresAfterPut);
        Assert.StartsWith("UPID:pve1:", post.GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, coresRightAfterPost);
    }

    [Fact]
    public async Task Resize_Shrink_Refused()
    {
        await CloneAndWaitAsync(100);

        var (status, body) =
            await CallAsync(HttpMethod.Put, "/nodes/pve1/qemu/100/resize", ("disk", "scsi0"), ("size", "4G"));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("shrinking disks is not supported\n", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TaskStatus_JustCreated_MayAnswer400Once()
    {
        emulator.State.TasksUnknownAtFirst = true;
        var upid = await CloneAsync(100, "a");

        var (first, _) = await CallAsync(HttpMethod.Get, $"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}/status");
        var (second, _) = await CallAsync(HttpMethod.Get, $"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}/status");

        Assert.Equal(HttpStatusCode.BadRequest, first);
        Assert.Equal(HttpStatusCode.OK, second);
    }

    [Fact]
    public async Task PowerAndDelete_AreTasks_DeleteOfRunningRefused()
    {
        await CloneAndWaitAsync(100);
        await WaitAsync((await CallAsync(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start")).Body);

        var (refused, _) = await CallAsync(HttpMethod.Delete, "/nodes/pve1/qemu/100");
        var shutdown = await CallAsync(HttpMethod.Post, "/nodes/pve1/qemu/100/status/shutdown", ("timeout", "5"));
        await WaitAsync(shutdown.Body);
        await WaitAsync((await CallAsync(HttpMethod.Delete, "/nodes/pve1/qemu/100")).Body);
        var (gone, body) = await CallAsync(HttpMethod.Get, "/nodes/pve1/qemu/100/config");

        Assert.Equal(HttpStatusCode.InternalServerError, refused);
        Assert.Equal(HttpStatusCode.InternalServerError, gone);
        Assert.Contains("does not exist", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(emulator.State.Vms);
    }

    private async Task<string> CloneAsync(int id, string name)
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "/nodes/pve1/qemu/9000/clone",
            ("newid", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", name), ("full", "1"),
            ("storage", "linstor-shared"));
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("data").GetString()!;
    }

    private async Task CloneAndWaitAsync(int id)
    {
        emulator.State.CloneDuration = TimeSpan.Zero;
        await CloneAsync(id, "a");
    }

    private async Task WaitAsync(JsonElement body)
    {
        var upid = Uri.EscapeDataString(body.GetProperty("data").GetString()!);
        for (var i = 0; i < 100; i++)
        {
            var (_, status) = await CallAsync(HttpMethod.Get, $"/nodes/pve1/tasks/{upid}/status");
            if (status.GetProperty("data").GetProperty("status").GetString() == "stopped")
            {
                Assert.Equal("OK", status.GetProperty("data").GetProperty("exitstatus").GetString());
                return;
            }

            await Task.Delay(20, Ct);
        }

        Assert.Fail("the task did not end");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(
        HttpMethod method, string path, params (string Key, string Value)[] form)
    {
        using var request = new HttpRequestMessage(method, Url(path));
        request.Headers.TryAddWithoutValidation("Authorization", $"PVEAPIToken={ProxmoxEmulator.TokenId}={Secret}");
        if (form.Length > 0)
        {
            request.Content = new FormUrlEncodedContent(form.Select(p => KeyValuePair.Create(p.Key, p.Value)));
        }

        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private Uri Url(string path) => new(emulator.Endpoint, "/api2/json" + path);
}
