using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>
/// The emulated node: its machines, its running tasks and the calls it was sent. Tasks end when their
/// time is up; their effect happens then, the next time anyone looks. The settings below let a test
/// make the node slow, busy or contended the way a real one can be.
/// </summary>
public sealed partial class ProxmoxEmulatorState(string node, TimeProvider time)
{
    private const string TaskUser = "fediversity@pve!deploy";

    private readonly Lock gate = new();
    private readonly Dictionary<int, EmulatedVm> vms = [];
    private readonly Dictionary<string, EmulatedTask> tasks = new(StringComparer.Ordinal);
    private int taskCount;

    public string Node => node;

    /// <summary>The storage pools of the node.</summary>
    public ISet<string> Storages { get; } = new HashSet<string>(StringComparer.Ordinal) { "local-lvm" };

    /// <summary>Every call that passed authentication, as <c>METHOD /path</c>.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public TimeSpan CloneDuration { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan TaskDuration { get; set; } = TimeSpan.FromMilliseconds(40);

    public TimeSpan BootDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many full clones of one template can run at once before the next times out on its lock.</summary>
    public int ParallelClonesPerTemplate { get; set; } = 2;

    /// <summary>How many of the next configuration changes fail because the machine's lock timed out.</summary>
    public int ConfigLockTimeouts { get; set; }

    /// <summary>How many of the next <c>/cluster/nextid</c> answers someone else takes before the caller can.</summary>
    public int StolenNextIds { get; set; }

    /// <summary>Whether every other new task answers 400 to its first status query.</summary>
    public bool TasksUnknownAtFirst { get; set; } = true;

    public IReadOnlyList<EmulatedVm> Vms
    {
        get
        {
            lock (gate)
            {
                Advance();
                return [.. vms.Values.Where(v => !v.IsTemplate).OrderBy(v => v.VmId)];
            }
        }
    }

    public EmulatedVm? Find(string name) => Vms.FirstOrDefault(v => v.Name == name);

    /// <summary>Adds a template with one 8 GiB disk on <paramref name="storage"/>.</summary>
    public void AddTemplate(int vmId, string storage)
    {
        lock (gate)
        {
            Storages.Add(storage);
            var template = new EmulatedVm { VmId = vmId, Name = "nixos-template", IsTemplate = true, HostKey = "" };
            template.Config["name"] = template.Name;
            template.Config["template"] = "1";
            template.Config["cores"] = "1";
            template.Config["memory"] = "2048";
            template.Config["scsi0"] = $"{storage}:base-{vmId}-disk-0,size=8G";
            template.Config["ide2"] = $"{storage}:vm-{vmId}-cloudinit,media=cdrom";
            template.Config["boot"] = "order=scsi0";
            template.Config["net0"] = "virtio=BC:24:11:00:00:01,bridge=vmbr0";
            vms[vmId] = template;
        }
    }

    /// <summary>Removes a machine behind Fediversity's back, as someone in the web interface could.</summary>
    public void DeleteOutside(int vmId)
    {
        lock (gate)
        {
            vms.Remove(vmId);
        }
    }

    /// <summary>Changes a machine behind Fediversity's back.</summary>
    public void ChangeOutside(int vmId, int cores, int memoryMiB)
    {
        lock (gate)
        {
            var vm = Require(vmId);
            vm.Config["cores"] = cores.ToString(CultureInfo.InvariantCulture);
            vm.Config["memory"] = memoryMiB.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Makes a machine of another owner under <paramref name="vmId"/>.</summary>
    public void AddForeign(int vmId, string name)
    {
        lock (gate)
        {
            vms[vmId] = NewVm(vmId, name);
        }
    }

    public string NextId(int? wanted)
    {
        lock (gate)
        {
            Advance();
            if (wanted is { } id)
            {
                return vms.ContainsKey(id)
                    ? throw ProxmoxEmulatorException.Parameter("vmid", $"VM {id} already exists")
                    : id.ToString(CultureInfo.InvariantCulture);
            }

            var free = Enumerable.Range(100, 1_000_000).First(i => !vms.ContainsKey(i));
            if (StolenNextIds > 0)
            {
                StolenNextIds--;
                vms[free] = NewVm(free, $"someone-else-{free}");
            }

            return free.ToString(CultureInfo.InvariantCulture);
        }
    }

    private EmulatedVm Require(int vmId) => vms.TryGetValue(vmId, out var vm)
        ? vm
        : throw new ProxmoxEmulatorException(
            500, $"Configuration file 'nodes/{node}/qemu-server/{vmId}.conf' does not exist");

    private static void RequireUnlocked(EmulatedVm vm)
    {
        if (vm.Lock is { } held)
        {
            throw new ProxmoxEmulatorException(500, $"VM is locked ({held})");
        }
    }

    private string StartTask(string type, int vmId, TimeSpan duration, Func<string> finish)
    {
        taskCount++;
        var start = time.GetUtcNow();
        var process = string.Create(
            CultureInfo.InvariantCulture, $"{4000 + taskCount:X8}:{taskCount:X8}:{start.ToUnixTimeSeconds():X8}");
        var upid = string.Create(CultureInfo.InvariantCulture, $"UPID:{node}:{process}:{type}:{vmId}:{TaskUser}:");
        tasks[upid] = new EmulatedTask
        {
            Upid = upid,
            Type = type,
            VmId = vmId,
            EndsAt = start + duration,
            Finish = finish,
            UnknownFor = TasksUnknownAtFirst && taskCount % 2 == 1 ? 1 : 0,
        };
        return upid;
    }

    // Ends every task whose time is up, in the order they end.
    private void Advance()
    {
        var now = time.GetUtcNow();
        foreach (var task in tasks.Values.Where(t => t.ExitStatus is null && t.EndsAt <= now).OrderBy(t => t.EndsAt))
        {
            task.ExitStatus = task.Finish();
        }
    }

    private static EmulatedVm NewVm(int vmId, string name)
    {
        var vm = new EmulatedVm { VmId = vmId, Name = name, HostKey = NewHostKey() };
        vm.Config["name"] = name;
        return vm;
    }

    private static string NewHostKey()
    {
        var type = "ssh-ed25519"u8.ToArray();
        var blob = new List<byte>();
        blob.AddRange([0, 0, 0, (byte)type.Length]);
        blob.AddRange(type);
        blob.AddRange([0, 0, 0, 32]);
        blob.AddRange(RandomNumberGenerator.GetBytes(32));
        return "ssh-ed25519 " + Convert.ToBase64String([.. blob]);
    }
}
