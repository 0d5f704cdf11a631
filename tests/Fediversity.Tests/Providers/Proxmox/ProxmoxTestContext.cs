using System.Collections.Concurrent;
using System.Collections.Immutable;
using Fediversity.Providers.Proxmox;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Permits;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.Emulators.Proxmox;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Providers.Proxmox;

/// <summary>A running Proxmox VE emulator and the machine provider pointed at it, with short waits.</summary>
internal sealed class ProxmoxTestContext : IAsyncDisposable
{
    public const string Secret = "0b5c3f1e-7d4a-4f7e-9a51-2c7e0d6e1f00";

    private readonly HttpClient http = new();

    private ProxmoxTestContext(ProxmoxEmulator emulator)
    {
        Emulator = emulator;
        Options = new ProxmoxOptions(emulator.Endpoint, ProxmoxEmulator.TokenId, new Secret(Secret), "pve1", 9000,
            "linstor-shared", "vmbr1", new ProxmoxAddressPool("192.0.2.0/24", "192.0.2.10", "192.0.2.20", "192.0.2.1"),
            ["192.0.2.53"])
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            LockRetryDelay = TimeSpan.FromMilliseconds(20),
            AgentTimeout = TimeSpan.FromSeconds(10),
            SshTimeout = TimeSpan.FromSeconds(2),
            ShutdownTimeout = TimeSpan.FromSeconds(1),
            TaskTimeout = TimeSpan.FromSeconds(20),
        };
    }

    public ProxmoxEmulator Emulator { get; }

    public ProxmoxEmulatorState Node => Emulator.State;

    public ProxmoxOptions Options { get; }

    /// <summary>The addresses the provider waited on for SSH.</summary>
    public ConcurrentQueue<string> SshProbed { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    public static async Task<ProxmoxTestContext> StartAsync() =>
        new(await ProxmoxEmulator.StartAsync(Secret, TimeProvider.System, TestContext.Current.CancellationToken));

    /// <summary>The provider; <paramref name="permits"/> stands for the state store of its process.</summary>
    public ResourceProvider Provider(ProxmoxOptions? options = null, IPermitSource? permits = null) =>
        ProxmoxProviders.For(options ?? Options, http, TimeProvider.System, (address, _) =>
        {
            SshProbed.Enqueue(address);
            return Task.FromResult(true);
        }, permits: permits).Single();

    public ResourceRequest Request(string name, long cores = 2, long memory = 4096, long disk = 40,
        string key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG+x/yZ9q+w/T0k5b3Jk+Zm9yL3Rlc3RzKysrKysr deploy@acme",
        ImmutableSortedDictionary<string, ResourceValue>? prior = null) =>
        TestResources.Request($"operators/acme/{name}/vm", Inputs(name, cores, memory, disk, key), Reporter, prior);

    public static ImmutableSortedDictionary<string, ResourceValue> Inputs(
        string name, long cores, long memory, long disk, string key) => ValueMaps.Of(
        (VirtualMachineKind.Name, ResourceValue.Of(name)),
        (VirtualMachineKind.Cores, ResourceValue.Of(cores)),
        (VirtualMachineKind.MemoryMiB, ResourceValue.Of(memory)),
        (VirtualMachineKind.DiskGiB, ResourceValue.Of(disk)),
        (VirtualMachineKind.SshKeys, ResourceValue.ListOf(key)),
        (VirtualMachineKind.Template, ResourceValue.Of(9000)),
        (VirtualMachineKind.StoragePool, ResourceValue.Of("linstor-shared")));

    public static async Task<ResourceRecord> CreateAsync(ResourceProvider provider, ResourceRequest request) =>
        TestResources.RecordOf(request, VirtualMachineKind.Kind,
            await provider.CreateAsync(request, TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Emulator.DisposeAsync();
    }
}
