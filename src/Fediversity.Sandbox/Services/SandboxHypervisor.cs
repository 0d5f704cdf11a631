using System.Security.Cryptography;

namespace Fediversity.Sandbox.Services;

/// <summary>
/// The stand-in for a hypervisor: machines are records in a folder. Like a real one, a clone is a task
/// that takes time, during which the machine is locked; ids come from a shared counter; a machine that
/// is gone is reported as gone. Each machine's record keeps when its clone began and ended, so that how many
/// clones overlapped can be read afterwards.
/// </summary>
public sealed class SandboxHypervisor(
    string root, SandboxLatency latency, TimeProvider time, SandboxCloneLimit? clones = null)
{
    private const int FirstVmId = 100;

    private readonly RecordFolder<SandboxVm> vms = new(Path.Combine(root, "vms"));

    private NameIndex<SandboxVm> Names => names ??= new(vms, v => v.Name, v => FileName(v.VmId));

    private NameIndex<SandboxVm>? names;

    public IReadOnlyList<SandboxVm> List() => [.. vms.All()];

    public SandboxVm? FindByName(string name) => Names.Find(name);

    public SandboxVm? Get(int vmId) => vms.Read(vmId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>How many clones may run at once; null when there is no limit.</summary>
    public int? ClonesPerNode => clones?.ClonesPerNode;

    /// <summary>
    /// Waits for one of the hypervisor's clone slots and holds it until the permit is disposed: a caller holds
    /// it from <see cref="BeginClone"/> until the clone has ended.
    /// </summary>
    public async Task<IAsyncDisposable?> CloneSlotAsync(CancellationToken cancellationToken) => clones is null
        ? null
        : await clones.Permits.AcquireAsync($"sandbox/{root}/clones", clones.ClonesPerNode, cancellationToken);

    /// <summary>The most clones that ran at the same moment, read from the machines' records.</summary>
    public int MostClonesAtOnce()
    {
        var edges = vms.All()
            .Where(v => v.CloneStartedMs > 0 && v.BusyUntilMs > v.CloneStartedMs)
            .SelectMany(v => new[] { (At: v.CloneStartedMs, Change: 1), (At: v.BusyUntilMs, Change: -1) })
            .OrderBy(e => e.At)
            .ThenBy(e => e.Change);
        var (now, most) = (0, 0);
        foreach (var edge in edges)
        {
            now += edge.Change;
            most = Math.Max(most, now);
        }

        return most;
    }

    /// <summary>Starts cloning a machine; it is locked until the clone task ends.</summary>
    public SandboxVm BeginClone(string name, int cores, int memoryMiB, int diskGiB, IReadOnlyList<string> sshKeys) =>
        vms.Locked(() =>
        {
            if (Names.Find(name) is not null)
            {
                throw new SandboxException($"a machine named '{name}' already exists");
            }

            var id = TakeNextId();
            var vm = new SandboxVm
            {
                VmId = id,
                Name = name,
                Cores = cores,
                MemoryMiB = memoryMiB,
                DiskGiB = diskGiB,
                SshKeys = sshKeys,
                Ipv4 = $"198.18.{id / 250}.{(id % 250) + 1}",
                HostKey = "ssh-ed25519 " + Convert.ToBase64String(RandomNumberGenerator.GetBytes(51)),
                Status = "cloning",
                CloneStartedMs = NowMs,
                BusyUntilMs = NowMs + (long)latency.CloneVm.TotalMilliseconds,
            };
            Names.Add(vm);
            Save(vm);
            return vm;
        });

    /// <summary>The next machine id, from a counter kept beside the machines; called under the folder's lock.</summary>
    private int TakeNextId()
    {
        var counter = Path.Combine(vms.Path, "next-id");
        var id = File.Exists(counter)
            ? int.Parse(File.ReadAllText(counter), System.Globalization.CultureInfo.InvariantCulture)
            : vms.All().Select(v => v.VmId).DefaultIfEmpty(FirstVmId - 1).Max() + 1;
        File.WriteAllText(counter + ".tmp", (id + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(counter + ".tmp", counter, overwrite: true);
        return id;
    }

    /// <summary>Whether the machine's current task has ended.</summary>
    public bool IsIdle(int vmId) => Get(vmId) is not { } vm || vm.BusyUntilMs <= NowMs;

    public async Task WaitIdleAsync(int vmId, CancellationToken cancellationToken)
    {
        while (Get(vmId) is { } vm && vm.BusyUntilMs > NowMs)
        {
            var wait = TimeSpan.FromMilliseconds(Math.Min(vm.BusyUntilMs - NowMs, 250));
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public SandboxVm Configure(int vmId, int cores, int memoryMiB, int diskGiB)
    {
        var vm = Require(vmId);
        if (vm.BusyUntilMs > NowMs)
        {
            throw new SandboxException($"VM {vmId} is locked (a task is running on it)");
        }

        if (diskGiB < vm.DiskGiB)
        {
            throw new SandboxException($"VM {vmId}: shrinking a disk is not possible");
        }

        var changed = vm with { Cores = cores, MemoryMiB = memoryMiB, DiskGiB = diskGiB, Status = vm.Status == "cloning" ? "stopped" : vm.Status };
        Save(changed);
        return changed;
    }

    public async Task<SandboxVm> StartAsync(int vmId, CancellationToken cancellationToken)
    {
        var vm = Require(vmId);
        if (vm.Status != "running")
        {
            await Task.Delay(latency.StartVm, time, cancellationToken);
            vm = Require(vmId) with { Status = "running" };
            Save(vm);
        }

        return vm;
    }

    /// <summary>Stops and removes the machine and its disk; false when it was already gone.</summary>
    public bool Destroy(int vmId)
    {
        var vm = Get(vmId);
        if (vm is null)
        {
            return false;
        }

        // The disk goes first: a process killed in between leaves a machine without a disk, which the next
        // destroy finds and finishes, never a disk whose machine is gone and that nothing would remove.
        var disk = Path.Combine(root, "machines", vm.Name);
        if (Directory.Exists(disk))
        {
            Directory.Delete(disk, recursive: true);
        }

        vms.Delete(FileName(vmId));
        Names.Remove(vm);
        return true;
    }

    private SandboxVm Require(int vmId) => Get(vmId) ?? throw new SandboxException($"VM {vmId} does not exist");

    private void Save(SandboxVm vm) => vms.Write(FileName(vm.VmId), vm);

    private static string FileName(int vmId) => vmId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();
}
