using System.Globalization;
using System.Text.Json;

namespace Fediversity.Providers.Proxmox;

/// <summary>The machine operations of the Proxmox VE API on one node, each task awaited to its end.</summary>
internal sealed class ProxmoxVmApi(ProxmoxClient client)
{
    private string NodePath => $"/nodes/{Uri.EscapeDataString(client.Node)}";

    public async Task<IReadOnlyList<ProxmoxVmSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var data = await client.GetAsync($"{NodePath}/qemu", cancellationToken);
        return data.ValueKind != JsonValueKind.Array
            ? []
            : [.. data.EnumerateArray().Select(vm => new ProxmoxVmSummary(
                (int)(ProxmoxJson.Number(vm, "vmid") ?? 0),
                ProxmoxJson.Text(vm, "name"),
                ProxmoxJson.Text(vm, "status"),
                ProxmoxJson.Number(vm, "template") == 1,
                ProxmoxJson.Text(vm, "lock")))];
    }

    /// <summary>The machine of that name with the lowest id, or <c>null</c>.</summary>
    public async Task<ProxmoxVmSummary?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken))
            .Where(v => !v.IsTemplate && v.Name == name)
            .OrderBy(v => v.VmId)
            .FirstOrDefault();

    /// <summary>The machine's configuration, or <c>null</c> when it does not exist.</summary>
    public async Task<ProxmoxVmConfig?> ConfigAsync(int vmId, CancellationToken cancellationToken)
    {
        try
        {
            return ProxmoxVmConfig.Parse(await client.GetAsync($"{VmPath(vmId)}/config", cancellationToken));
        }
        catch (ProxmoxApiException e) when (e.IsMissing)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the machine runs (<c>running</c>, <c>stopped</c>), or <c>null</c> when it does not exist.
    /// </summary>
    public async Task<string?> StatusAsync(int vmId, CancellationToken cancellationToken)
    {
        try
        {
            return ProxmoxJson.Text(await client.GetAsync($"{VmPath(vmId)}/status/current", cancellationToken),
                "status");
        }
        catch (ProxmoxApiException e) when (e.IsMissing)
        {
            return null;
        }
    }

    public async Task<int> NextIdAsync(CancellationToken cancellationToken)
    {
        var data = await client.GetAsync("/cluster/nextid", cancellationToken);
        var text = data.ValueKind == JsonValueKind.Number ? data.GetRawText() : data.GetString();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProxmoxApiException($"Proxmox VE answered /cluster/nextid with '{text}', not a number.");
    }

    /// <summary>Starts a full clone of the template; returns the clone task's id.</summary>
    public async Task<string> BeginCloneAsync(
        int template, int newId, string name, string storagePool, CancellationToken cancellationToken)
    {
        var data = await client.SendAsync(HttpMethod.Post, $"{VmPath(template)}/clone",
            Form(("newid", Id(newId)), ("name", name), ("full", "1"), ("storage", storagePool),
                ("target", client.Node)),
            cancellationToken);
        return data.ValueKind == JsonValueKind.String && data.GetString() is { Length: > 0 } upid
            ? upid
            : throw new ProxmoxApiException($"Proxmox VE started no task for the clone of {name}.");
    }

    public Task WaitTaskAsync(string upid, string action, CancellationToken cancellationToken) =>
        client.WaitTaskAsync(upid, action, cancellationToken);

    /// <summary>Changes the configuration through the asynchronous call, and waits for its task.</summary>
    public Task ConfigureAsync(
        int vmId, IEnumerable<KeyValuePair<string, string>> settings, CancellationToken cancellationToken) =>
        client.RunTaskAsync(HttpMethod.Post, $"{VmPath(vmId)}/config", settings,
            $"configure machine {vmId}", cancellationToken);

    /// <summary>Grows the disk to <paramref name="gib"/> GiB (an absolute size).</summary>
    public Task ResizeAsync(int vmId, string disk, long gib, CancellationToken cancellationToken) =>
        client.RunTaskAsync(HttpMethod.Put, $"{VmPath(vmId)}/resize",
            Form(("disk", disk), ("size", $"{gib.ToString(CultureInfo.InvariantCulture)}G")),
            $"grow the disk of machine {vmId} to {gib} GiB", cancellationToken);

    public Task StartAsync(int vmId, CancellationToken cancellationToken) =>
        client.RunTaskAsync(HttpMethod.Post, $"{VmPath(vmId)}/status/start", Form(),
            $"start machine {vmId}", cancellationToken);

    public Task ShutdownAsync(int vmId, TimeSpan timeout, CancellationToken cancellationToken) =>
        client.RunTaskAsync(HttpMethod.Post, $"{VmPath(vmId)}/status/shutdown",
            Form(("timeout", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture))),
            $"shut machine {vmId} down", cancellationToken);

    public Task StopAsync(int vmId, CancellationToken cancellationToken) =>
        client.RunTaskAsync(HttpMethod.Post, $"{VmPath(vmId)}/status/stop", Form(),
            $"stop machine {vmId}", cancellationToken);

    /// <summary>Destroys the machine with its disks.</summary>
    public Task DestroyAsync(int vmId, CancellationToken cancellationToken) =>
        client.RunTaskAsync(HttpMethod.Delete, VmPath(vmId),
            Form(("purge", "1"), ("destroy-unreferenced-disks", "1")),
            $"destroy machine {vmId}", cancellationToken);

    /// <summary>
    /// The first IPv4 address the guest agent reports, other than loopback; <c>null</c> when none yet.
    /// </summary>
    public async Task<string?> AgentAddressAsync(int vmId, CancellationToken cancellationToken)
    {
        var data = await client.GetAsync($"{VmPath(vmId)}/agent/network-get-interfaces", cancellationToken);
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("result", out var interfaces) ||
            interfaces.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return interfaces.EnumerateArray()
            .Where(i => i.TryGetProperty("ip-addresses", out var a) && a.ValueKind == JsonValueKind.Array)
            .SelectMany(i => i.GetProperty("ip-addresses").EnumerateArray())
            .Where(a => ProxmoxJson.Text(a, "ip-address-type") == "ipv4")
            .Select(a => ProxmoxJson.Text(a, "ip-address"))
            .FirstOrDefault(a => a is not null && !a.StartsWith("127.", StringComparison.Ordinal));
    }

    /// <summary>A file inside the machine, read through the guest agent.</summary>
    public async Task<string?> AgentReadFileAsync(int vmId, string file, CancellationToken cancellationToken)
    {
        var data = await client.SendAsync(HttpMethod.Get, $"{VmPath(vmId)}/agent/file-read",
            Form(("file", file)), cancellationToken);
        return ProxmoxJson.Text(data, "content");
    }

    public static IEnumerable<KeyValuePair<string, string>> Form(params (string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => KeyValuePair.Create(p.Key, p.Value))];

    private string VmPath(int vmId) => $"{NodePath}/qemu/{Id(vmId)}";

    private static string Id(int vmId) => vmId.ToString(CultureInfo.InvariantCulture);
}
