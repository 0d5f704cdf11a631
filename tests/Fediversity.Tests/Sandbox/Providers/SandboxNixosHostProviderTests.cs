using System.Runtime.Versioning;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Providers;
using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Sandbox.Providers;

public sealed class SandboxNixosHostProviderTests : IDisposable
{
    private const string Host = "acme-mastodon";
    private const string SecretPath = "/run/secrets/mastodon/db-password";

    private readonly TestSandbox sandbox = new();
    private readonly SandboxNixosHostProvider provider;
    private readonly SandboxVm vm;

    public SandboxNixosHostProviderTests()
    {
        provider = new SandboxNixosHostProvider(sandbox.World.Hypervisor, sandbox.World.Machines);
        vm = sandbox.World.Hypervisor.BeginClone(Host, 2, 2048, 20, []);
    }

    private SandboxMachines Machines => sandbox.World.Machines;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => sandbox.Dispose();

    private static ResourceRequest HostRequest(string hostKey, string mode = "mastodon:mastodon:0440") =>
        Request("acme/host", ValueMaps.Of(
            (NixosHostKind.HostName, ResourceValue.Of(Host)),
            (NixosHostKind.Address, ResourceValue.Of("198.18.0.101")),
            (NixosHostKind.HostKey, ResourceValue.Of(hostKey)),
            (NixosHostKind.PrivateKey, ResourceValue.Of(new Secret("private-key-pem"))),
            (NixosHostKind.Configuration, ResourceValue.Of("{ services.mastodon.enable = true; }")),
            (NixosHostKind.SecretFiles, new MapValue(ValueMaps.Of((SecretPath, ResourceValue.Of(new Secret("db-pass")))))),
            (NixosHostKind.SecretFileModes, new MapValue(ValueMaps.Of((SecretPath, ResourceValue.Of(mode)))))));

    private string SecretFile => Path.Combine(Machines.FolderOf(Host), SecretPath.TrimStart('/'));

    [Fact]
    public async Task CreateAsync_HostKeyDiffersFromThePinnedOne_IsRefusedAndTouchesNothing()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            provider.CreateAsync(HostRequest("ssh-ed25519 AAAAsomeoneelse"), Token));

        Assert.Contains("host key", error.Message, StringComparison.Ordinal);
        Assert.Null(Machines.ReadConfiguration(Host));
        Assert.False(File.Exists(SecretFile));
        Assert.Equal(0, Machines.SwitchCount(Host));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task CreateAsync_PinnedHostKey_WritesConfigurationAndSecretFilesWithTheirModes()
    {
        var outputs = await provider.CreateAsync(HostRequest(vm.HostKey), Token);

        Assert.Equal("{ services.mastodon.enable = true; }", Machines.ReadConfiguration(Host));
        Assert.Equal("db-pass", await File.ReadAllTextAsync(SecretFile, Token));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, File.GetUnixFileMode(SecretFile));
        Assert.Equal(1, Machines.SwitchCount(Host));
        Assert.Equal(64, ((TextValue)outputs[NixosHostKind.ConfigurationHash]).Text.Length);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task UpdateAsync_NewMode_IsApplied()
    {
        await provider.CreateAsync(HostRequest(vm.HostKey), Token);

        await provider.UpdateAsync(HostRequest(vm.HostKey, mode: "root:root:0400"), Token);

        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(SecretFile));
    }

    [Fact]
    public async Task CreateAsync_MachineMissing_ThrowsProviderException()
    {
        sandbox.World.Hypervisor.Destroy(vm.VmId);

        await Assert.ThrowsAsync<ProviderException>(() => provider.CreateAsync(HostRequest(vm.HostKey), Token));
    }

    [Fact]
    public async Task DeleteAsync_Twice_RemovesTheFilesThenSucceedsAgain()
    {
        var request = HostRequest(vm.HostKey);
        var record = RecordOf(request, NixosHostKind.Kind, await provider.CreateAsync(request, Token));

        await provider.DeleteAsync(record, new RecordingReporter(), Token);
        await provider.DeleteAsync(record, new RecordingReporter(), Token);

        Assert.Null(Machines.ReadConfiguration(Host));
        Assert.False(File.Exists(SecretFile));
    }
}
