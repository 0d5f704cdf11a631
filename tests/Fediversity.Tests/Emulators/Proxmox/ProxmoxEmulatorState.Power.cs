using System.Globalization;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>Power, destruction, tasks and the guest agent of the emulated node.</summary>
public sealed partial class ProxmoxEmulatorState
{
    private int dhcpCount;

    public string Start(int vmId)
    {
        lock (gate)
        {
            Advance();
            var vm = Require(vmId);
            RequireUnlocked(vm);
            if (vm.Status == "running")
            {
                throw new ProxmoxEmulatorException(500, $"VM {vmId} already running");
            }

            return StartTask("qmstart", vmId, TaskDuration, () =>
            {
                vm.Status = "running";
                vm.AgentFrom = time.GetUtcNow() + BootDuration;
                var ipConfig = vm.Config.GetValueOrDefault("ipconfig0", "ip=dhcp");
                if (!ipConfig.StartsWith("ip=dhcp", StringComparison.Ordinal))
                {
                    vm.DhcpAddress = null;
                }
                else
                {
                    dhcpCount++;
                    vm.DhcpAddress ??= string.Create(
                        CultureInfo.InvariantCulture, $"10.99.{dhcpCount / 250}.{(dhcpCount % 250) + 2}");
                }

                return "OK";
            });
        }
    }

    public string Shutdown(int vmId, IReadOnlyDictionary<string, string> form)
    {
        lock (gate)
        {
            Advance();
            var vm = Require(vmId);
            RequireUnlocked(vm);
            if (vm.Status != "running")
            {
                throw new ProxmoxEmulatorException(500, $"VM {vmId} not running");
            }

            var timeout = form.TryGetValue("timeout", out var t)
                ? TimeSpan.FromSeconds(int.Parse(t, CultureInfo.InvariantCulture))
                : TimeSpan.FromMinutes(3);
            var ignores = vm.IgnoresShutdown;
            var duration = ignores ? Min(timeout, TimeSpan.FromMilliseconds(300)) : TaskDuration;
            return StartTask("qmshutdown", vmId, duration, () =>
            {
                if (ignores)
                {
                    return "VM quit/powerdown failed - got timeout";
                }

                vm.Status = "stopped";
                return "OK";
            });
        }
    }

    public string Stop(int vmId)
    {
        lock (gate)
        {
            Advance();
            var vm = Require(vmId);
            RequireUnlocked(vm);
            return StartTask("qmstop", vmId, TaskDuration, () =>
            {
                vm.Status = "stopped";
                return "OK";
            });
        }
    }

    public string Destroy(int vmId)
    {
        lock (gate)
        {
            Advance();
            var vm = Require(vmId);
            RequireUnlocked(vm);
            if (vm.IsTemplate)
            {
                throw new ProxmoxEmulatorException(500, $"VM {vmId} is a template; the tests never destroy it");
            }

            if (vm.Status == "running")
            {
                throw new ProxmoxEmulatorException(500, $"VM {vmId} is running - destroy failed");
            }

            vm.Lock = "destroyed";
            return StartTask("qmdestroy", vmId, TaskDuration, () =>
            {
                vms.Remove(vmId);
                return "OK";
            });
        }
    }

    /// <summary>The task's status; a task just made may answer 400 once, as on a real node.</summary>
    public (string Status, string? ExitStatus, string Type) Task(string upid)
    {
        lock (gate)
        {
            Advance();
            if (!tasks.TryGetValue(upid, out var task))
            {
                throw ProxmoxEmulatorException.Parameter("upid", "unable to parse worker upid");
            }

            if (task.UnknownFor > 0)
            {
                task.UnknownFor--;
                throw new ProxmoxEmulatorException(400, "no such task");
            }

            return (task.ExitStatus is null ? "running" : "stopped", task.ExitStatus, task.Type);
        }
    }

    /// <summary>The guest's IPv4 address, as its agent reports it.</summary>
    public string AgentAddress(int vmId)
    {
        lock (gate)
        {
            var vm = Agent(vmId);
            return vm.DhcpAddress ?? vm.Config["ipconfig0"].Split(',')[0]["ip=".Length..].Split('/')[0];
        }
    }

    public string AgentFile(int vmId, string file)
    {
        lock (gate)
        {
            var vm = Agent(vmId);
            return file == "/etc/ssh/ssh_host_ed25519_key.pub"
                ? $"{vm.HostKey} root@{vm.Name}\n"
                : throw new ProxmoxEmulatorException(500, $"guest-file-open failed: No such file or directory");
        }
    }

    private EmulatedVm Agent(int vmId)
    {
        Advance();
        var vm = Require(vmId);
        if (vm.Config.GetValueOrDefault("agent", "0")[0] != '1')
        {
            throw new ProxmoxEmulatorException(500, "No QEMU guest agent configured");
        }

        return vm.Status == "running" && time.GetUtcNow() >= vm.AgentFrom
            ? vm
            : throw new ProxmoxEmulatorException(500, "QEMU guest agent is not running");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
