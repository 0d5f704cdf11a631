using System.Globalization;
using System.Text.RegularExpressions;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>The API's operations on the emulated node, each with the checks Proxmox VE makes.</summary>
public sealed partial class ProxmoxEmulatorState
{
    private static readonly HashSet<string> ConfigKeys = new(StringComparer.Ordinal)
    {
        "cores", "memory", "ciuser", "cipassword", "sshkeys", "ipconfig0", "nameserver", "searchdomain", "agent",
        "net0", "name", "description", "digest",
    };

    public IReadOnlyList<EmulatedVm> List()
    {
        lock (gate)
        {
            Advance();
            return [.. vms.Values.OrderBy(v => v.VmId)];
        }
    }

    public SortedDictionary<string, string> Config(int vmId)
    {
        lock (gate)
        {
            Advance();
            var vm = Require(vmId);
            var config = new SortedDictionary<string, string>(vm.Config, StringComparer.Ordinal);
            if (vm.Lock is { } held)
            {
                config["lock"] = held;
            }

            return config;
        }
    }

    public string Status(int vmId)
    {
        lock (gate)
        {
            Advance();
            return Require(vmId).Status;
        }
    }

    public string Clone(int source, IReadOnlyDictionary<string, string> form)
    {
        lock (gate)
        {
            Advance();
            var template = Require(source);
            var newId = Int(form, "newid") ?? throw Missing("newid");
            var name = form.GetValueOrDefault("name") ?? $"Copy-of-VM-{template.Name}";
            var full = form.GetValueOrDefault("full") == "1";
            var storage = form.GetValueOrDefault("storage");
            if (storage is not null && !full && template.IsTemplate)
            {
                throw ProxmoxEmulatorException.Parameter("storage", "option is only allowed for full clones");
            }

            if (storage is not null && !Storages.Contains(storage))
            {
                throw new ProxmoxEmulatorException(500, $"storage '{storage}' does not exist");
            }

            if (form.GetValueOrDefault("target") is { } target && target != node)
            {
                throw new ProxmoxEmulatorException(500, $"no such cluster node '{target}'");
            }

            if (vms.ContainsKey(newId))
            {
                throw new ProxmoxEmulatorException(500, $"VM {newId} already exists on node '{node}'");
            }

            var running = tasks.Values.Count(t => t.Type == "qmclone" && t.ExitStatus is null &&
                vms.TryGetValue(t.VmId, out var c) && c.Config.GetValueOrDefault("clonedFrom") == Id(source));
            var doomed = running >= ParallelClonesPerTemplate;

            var vm = NewVm(newId, name);
            vm.Lock = "clone";
            foreach (var (key, value) in template.Config.Where(p => p.Key is not ("name" or "template")))
            {
                vm.Config[key] = value;
            }

            var pool = storage ?? template.DiskStorage;
            vm.Config["scsi0"] = $"{pool}:vm-{newId}-disk-0,size={EmulatedDisks.SizeGiB(template.Config["scsi0"])}G";
            vm.Config["clonedFrom"] = Id(source);
            vms[newId] = vm;

            return StartTask("qmclone", newId, CloneDuration, () =>
            {
                if (doomed)
                {
                    vms.Remove(newId);
                    return $"clone failed: can't lock file '/var/lock/qemu-server/lock-{source}.conf' - got timeout";
                }

                vm.Config.Remove("clonedFrom");
                vm.Lock = null;
                return "OK";
            });
        }
    }

    /// <summary>Changes the configuration: at once (PUT) or in a task that applies it when it ends (POST).</summary>
    public string? SetConfig(int vmId, IReadOnlyDictionary<string, string> form, bool asynchronous)
    {
        lock (gate)
        {
            Advance();
            var vm = Require(vmId);
            var changes = Verify(form);
            RequireUnlocked(vm);
            if (ConfigLockTimeouts > 0)
            {
                ConfigLockTimeouts--;
                throw new ProxmoxEmulatorException(
                    500, $"can't lock file '/var/lock/qemu-server/lock-{vmId}.conf' - got timeout");
            }

            void Apply()
            {
                foreach (var (key, value) in changes)
                {
                    vm.Config[key] = value;
                }

                vm.Name = vm.Config["name"];
            }

            if (!asynchronous)
            {
                Apply();
                return null;
            }

            return StartTask("qmconfig", vmId, TaskDuration, () =>
            {
                Apply();
                return "OK";
            });
        }
    }

    public string Resize(int vmId, IReadOnlyDictionary<string, string> form)
    {
        lock (gate)
        {
            Advance();
            var vm = Require(vmId);
            var disk = form.GetValueOrDefault("disk") ?? throw Missing("disk");
            var size = form.GetValueOrDefault("size") ?? throw Missing("size");
            var match = SizePattern().Match(size);
            if (!match.Success)
            {
                throw ProxmoxEmulatorException.Parameter("size", $"value does not match the regex pattern");
            }

            RequireUnlocked(vm);
            if (!vm.Config.TryGetValue(disk, out var current))
            {
                throw new ProxmoxEmulatorException(500, $"disk '{disk}' does not exist");
            }

            var amount = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var now = EmulatedDisks.SizeGiB(current);
            var wanted = match.Groups[1].Success ? now + amount : amount;
            if (wanted < now)
            {
                throw new ProxmoxEmulatorException(500, "shrinking disks is not supported");
            }

            return StartTask("resize", vmId, TaskDuration, () =>
            {
                vm.Config[disk] = EmulatedDisks.WithSize(vm.Config[disk], wanted);
                return "OK";
            });
        }
    }

    [GeneratedRegex(@"^(\+)?(\d+)G$")]
    private static partial Regex SizePattern();

    // A value of the 'urlencoded' format may hold only these characters.
    [GeneratedRegex(@"^[-%a-zA-Z0-9_.!~*'()]*$")]
    private static partial Regex UrlEncoded();

    [GeneratedRegex(@"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/]+={0,2}( .*)?$")]
    private static partial Regex SshKeyLine();

    [GeneratedRegex(@"^ip=(dhcp|\d+\.\d+\.\d+\.\d+/\d+)(,gw=\d+\.\d+\.\d+\.\d+)?$")]
    private static partial Regex IpConfig();

    private static Dictionary<string, string> Verify(IReadOnlyDictionary<string, string> form)
    {
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (!ConfigKeys.Contains(key))
            {
                throw ProxmoxEmulatorException.Parameter(key,
                    "property is not defined in schema and the schema does not allow additional properties");
            }

            if (key is "cores" or "memory" &&
                (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1))
            {
                throw ProxmoxEmulatorException.Parameter(key, $"type check ('integer') failed - got '{value}'");
            }

            if (key == "sshkeys")
            {
                if (!UrlEncoded().IsMatch(value))
                {
                    throw ProxmoxEmulatorException.Parameter("sshkeys", $"invalid urlencoded string: {value}");
                }

                var lines = Uri.UnescapeDataString(value).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (lines.Any(line => !SshKeyLine().IsMatch(line)))
                {
                    throw new ProxmoxEmulatorException(500, "SSH public key validation error");
                }
            }

            if (key == "ipconfig0" && !IpConfig().IsMatch(value))
            {
                throw ProxmoxEmulatorException.Parameter("ipconfig0", $"invalid format - format error");
            }

            if (key != "digest")
            {
                changes[key] = value;
            }
        }

        return changes;
    }

    private static int? Int(IReadOnlyDictionary<string, string> form, string key) =>
        form.TryGetValue(key, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw ProxmoxEmulatorException.Parameter(key, $"type check ('integer') failed - got '{text}'")
            : null;

    private static ProxmoxEmulatorException Missing(string name) =>
        ProxmoxEmulatorException.Parameter(name, "property is missing and it is not optional");

    private static string Id(int vmId) => vmId.ToString(CultureInfo.InvariantCulture);
}
