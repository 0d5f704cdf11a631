using System.Collections.Immutable;
using System.Globalization;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// Machines on a Proxmox VE node: a full clone of the template onto the storage pool, configured
/// through cloud-init (user, SSH keys, address, name servers), sized, its disk grown, started, and
/// made only once it answers. A machine is found by its name first, so a clone left by a run that was
/// cut off is taken over, not made twice. The machine's SSH host key is read through the QEMU guest
/// agent, over the authenticated API, so it is pinned without trusting the network on first contact.
/// </summary>
internal sealed class ProxmoxVmProvider(
    ProxmoxVmApi api,
    ProxmoxCloner cloner,
    ProxmoxAddresses? addresses,
    ProxmoxLockRetry locks,
    ProxmoxOptions options,
    Func<string, CancellationToken, Task<bool>> sshProbe,
    TimeProvider time) : ResourceProvider
{
    private const string HostKeyFile = "/etc/ssh/ssh_host_ed25519_key.pub";

    private readonly ProxmoxMachineWaits waits = new(api, options, time);

    public override string Kind => VirtualMachineKind.Kind;

    public override ResourceSchema Schema { get; } = new(
        [VirtualMachineKind.Name, VirtualMachineKind.Template, VirtualMachineKind.StoragePool],
        DestroyLosesData: true,
        ImmutableDictionary<string, string>.Empty
            .Add(VirtualMachineKind.Cores, "restarts the machine")
            .Add(VirtualMachineKind.MemoryMiB, "restarts the machine")
            .Add(VirtualMachineKind.DiskGiB, "grows the disk while the machine runs"));

    public override IEnumerable<string> CheckChange(
        IReadOnlyDictionary<string, ResourceValue> prior, IReadOnlyDictionary<string, ResourceValue> desired)
    {
        if (prior.GetValueOrDefault(VirtualMachineKind.DiskGiB) is NumberValue before &&
            desired.GetValueOrDefault(VirtualMachineKind.DiskGiB) is NumberValue after &&
            after.Number < before.Number)
        {
            yield return $"the disk cannot shrink from {before.Number} GiB to {after.Number} GiB (Proxmox VE " +
                "only grows disks); choose a size whose disk is at least as large";
        }
    }

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Text(VirtualMachineKind.Name);
        var report = request.Reporter.Report;

        var vmId = await locks.RunAsync($"clone {name}", async ct =>
        {
            if (await api.FindByNameAsync(name, ct) is { } found)
            {
                report($"found machine {found.VmId} named '{name}' from an earlier run; taking it over");
                await waits.UnlockedAsync(found.VmId, ct);
                return found.VmId;
            }

            return await cloner.CloneAsync(name, report, ct);
        }, cancellationToken);

        var config = await api.ConfigAsync(vmId, cancellationToken) ?? throw Gone(vmId, name);
        var running = await api.StatusAsync(vmId, cancellationToken) == "running";
        var address = await ConfigureAsync(request, vmId, config, running, cancellationToken);

        await GrowDiskAsync(vmId, config, Number(request, VirtualMachineKind.DiskGiB), report, cancellationToken);

        if (!running)
        {
            report($"starting machine {vmId}");
            await locks.RunAsync($"start machine {vmId}", ct => api.StartAsync(vmId, ct), cancellationToken);
        }

        return await AnsweringAsync(vmId, name, address, report, cancellationToken);
    }

    /// <summary>
    /// Writes the machine's size, keys and address. A new address is chosen under the node's address permit,
    /// held until it is written, so that no other process chooses it meanwhile.
    /// </summary>
    private async Task<string?> ConfigureAsync(
        ResourceRequest request, int vmId, ProxmoxVmConfig config, bool running, CancellationToken cancellationToken)
    {
        await using var hold = addresses is null || config.StaticAddress is not null
            ? null
            : await addresses.ChooseAsync(cancellationToken);
        var address = addresses is null ? null : config.StaticAddress ?? hold!.Address;

        request.Reporter.Report($"configuring machine {vmId}: {Number(request, VirtualMachineKind.Cores)} cores, " +
            $"{Number(request, VirtualMachineKind.MemoryMiB)} MiB, address {address ?? "by DHCP"}");
        var settings = Settings(request, withNetwork: !running);
        settings.Add(KeyValuePair.Create("ipconfig0",
            address is null ? "ip=dhcp" : addresses!.Pool.IpConfig(System.Net.IPAddress.Parse(address))));
        await locks.RunAsync($"configure machine {vmId}",
            ct => api.ConfigureAsync(vmId, settings, ct), cancellationToken);
        return address;
    }

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Text(VirtualMachineKind.Name);
        var vmId = VmId(request.PriorOutputs);
        var config = await api.ConfigAsync(vmId, cancellationToken);
        if (config is null || config.Name != name)
        {
            throw Gone(vmId, name);
        }

        var cores = Number(request, VirtualMachineKind.Cores);
        var memory = Number(request, VirtualMachineKind.MemoryMiB);
        var restart = config.Cores != cores || config.MemoryMiB != memory;
        request.Reporter.Report($"configuring machine {vmId}: {cores} cores, {memory} MiB");
        await locks.RunAsync($"configure machine {vmId}",
            ct => api.ConfigureAsync(vmId, Settings(request, withNetwork: false), ct), cancellationToken);
        await GrowDiskAsync(vmId, config, Number(request, VirtualMachineKind.DiskGiB), request.Reporter.Report,
            cancellationToken);

        var running = await api.StatusAsync(vmId, cancellationToken) == "running";
        if (restart && running)
        {
            request.Reporter.Report($"restarting machine {vmId} so that its new cores and memory apply");
            await PowerOffAsync(vmId, request.Reporter.Report, cancellationToken);
        }

        if (restart || !running)
        {
            await locks.RunAsync($"start machine {vmId}", ct => api.StartAsync(vmId, ct), cancellationToken);
            await WaitForSshAsync(request.PriorOutputs.GetValueOrDefault(VirtualMachineKind.Ipv4) is TextValue ip
                ? ip.Text : null, cancellationToken);
        }

        return request.PriorOutputs;
    }

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var name = record.Input(VirtualMachineKind.Name);
        var vmId = VmId(record.Outputs);

        // Ids are handed out again once freed: a machine of another name under this id is not ours.
        if (await api.ConfigAsync(vmId, cancellationToken) is not { } config || config.Name != name)
        {
            reporter.Report($"machine {vmId} ('{name}') was already gone");
            return;
        }

        await waits.UnlockedAsync(vmId, cancellationToken);
        if (await api.StatusAsync(vmId, cancellationToken) == "running")
        {
            await PowerOffAsync(vmId, reporter.Report, cancellationToken);
        }

        reporter.Report($"destroying machine {vmId} and its disks");
        try
        {
            await locks.RunAsync($"destroy machine {vmId}", ct => api.DestroyAsync(vmId, ct), cancellationToken);
        }
        catch (ProxmoxApiException e) when (e.IsMissing)
        {
            reporter.Report($"machine {vmId} was already gone");
        }
    }

    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var vmId = VmId(record.Outputs);
        if (await api.ConfigAsync(vmId, cancellationToken) is not { } config ||
            config.Name != record.Input(VirtualMachineKind.Name))
        {
            return null;
        }

        var inputs = record.Inputs
            .SetItem(VirtualMachineKind.Cores, ResourceValue.Of(config.Cores))
            .SetItem(VirtualMachineKind.MemoryMiB, ResourceValue.Of(config.MemoryMiB))
            .SetItem(VirtualMachineKind.DiskGiB, ResourceValue.Of(config.DiskGiB));
        return new ResourceReading(inputs, record.Outputs);
    }

    private async Task<ImmutableSortedDictionary<string, ResourceValue>> AnsweringAsync(
        int vmId, string name, string? address, Action<string> report, CancellationToken cancellationToken)
    {
        report($"waiting for machine {vmId}'s guest agent");
        var ipv4 = address ?? await waits.AgentAsync(vmId, "report an IPv4 address",
            ct => api.AgentAddressAsync(vmId, ct), cancellationToken);
        var hostKeyLine = await waits.AgentAsync(vmId, $"read {HostKeyFile}",
            ct => api.AgentReadFileAsync(vmId, HostKeyFile, ct), cancellationToken);
        var hostKey = string.Join(' ', hostKeyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
        if (!hostKey.StartsWith("ssh-ed25519 ", StringComparison.Ordinal))
        {
            throw new ProxmoxApiException(
                $"Machine {vmId} ('{name}') has no readable ed25519 host key in {HostKeyFile}; the template must " +
                "run OpenSSH with an ed25519 host key and the QEMU guest agent.");
        }

        if (options.WaitForSsh)
        {
            report($"waiting for SSH on {ipv4}");
            await WaitForSshAsync(ipv4, cancellationToken);
        }

        report($"machine {vmId} is up at {ipv4}");
        return ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        [
            KeyValuePair.Create(VirtualMachineKind.VmId,
                ResourceValue.Of(vmId.ToString(CultureInfo.InvariantCulture))),
            KeyValuePair.Create(VirtualMachineKind.Ipv4, ResourceValue.Of(ipv4)),
            KeyValuePair.Create(VirtualMachineKind.HostKey, ResourceValue.Of(hostKey)),
            KeyValuePair.Create(VirtualMachineKind.Node, ResourceValue.Of(options.Node)),
        ]);
    }

    private async Task WaitForSshAsync(string? address, CancellationToken cancellationToken)
    {
        if (options.WaitForSsh && address is not null)
        {
            await waits.UntilAsync($"{address} to answer SSH", options.SshTimeout,
                async ct => await sshProbe(address, ct) ? true : (bool?)null, cancellationToken);
        }
    }

    private async Task GrowDiskAsync(
        int vmId, ProxmoxVmConfig config, long gib, Action<string> report, CancellationToken cancellationToken)
    {
        if (config.Disk is null)
        {
            throw new ProxmoxApiException(
                $"Machine {vmId} has no disk to grow; its template {options.Template} must have a boot disk.");
        }

        if (config.DiskGiB < gib)
        {
            report($"growing disk {config.Disk} of machine {vmId} from {config.DiskGiB} to {gib} GiB");
            await locks.RunAsync($"grow the disk of machine {vmId}",
                ct => api.ResizeAsync(vmId, config.Disk, gib, ct), cancellationToken);
        }
    }

    // A clean shutdown first; a machine that does not stop within the timeout is stopped hard.
    private async Task PowerOffAsync(int vmId, Action<string> report, CancellationToken cancellationToken)
    {
        report($"shutting machine {vmId} down");
        try
        {
            await api.ShutdownAsync(vmId, options.ShutdownTimeout, cancellationToken);
        }
        catch (ProxmoxApiException e) when (!e.IsMissing)
        {
            report($"machine {vmId} did not shut down ({e.Detail}); stopping it");
        }

        if (await api.StatusAsync(vmId, cancellationToken) == "running")
        {
            await locks.RunAsync($"stop machine {vmId}", ct => api.StopAsync(vmId, ct), cancellationToken);
        }
    }

    private List<KeyValuePair<string, string>> Settings(ResourceRequest request, bool withNetwork)
    {
        var keys = request.Inputs.GetValueOrDefault(VirtualMachineKind.SshKeys) is ListValue list
            ? list.Items.OfType<TextValue>().Select(t => t.Text)
            : [];
        var settings = new List<KeyValuePair<string, string>>
        {
            KeyValuePair.Create("cores",
                Number(request, VirtualMachineKind.Cores).ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("memory",
                Number(request, VirtualMachineKind.MemoryMiB).ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("ciuser", options.CloudInitUser),
            KeyValuePair.Create("sshkeys", ProxmoxSshKeys.Encode(keys)),
            KeyValuePair.Create("agent", "1"),
        };
        if (options.Nameservers.Count > 0)
        {
            settings.Add(KeyValuePair.Create("nameserver", string.Join(' ', options.Nameservers)));
        }

        if (withNetwork)
        {
            settings.Add(KeyValuePair.Create("net0", $"virtio,bridge={options.Bridge}"));
        }

        return settings;
    }

    private static long Number(ResourceRequest request, string input) => request.Number(input);

    private static int VmId(IReadOnlyDictionary<string, ResourceValue> outputs) =>
        outputs.GetValueOrDefault(VirtualMachineKind.VmId) is TextValue t &&
        int.TryParse(t.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProviderException("The recorded machine has no vmid; its state is damaged. Run " +
                "'fedi refresh' so that it is looked for again.");

    private static ProviderException Gone(int vmId, string name) => new(
        $"Machine {vmId} ('{name}') is gone from Proxmox VE; run 'fedi refresh' and apply again to make it anew.");
}
