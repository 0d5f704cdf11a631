using System.Text.Json;
using Fediversity.Providers.Proxmox;

namespace Fediversity.Tests.Providers.Proxmox;

public sealed class ProxmoxVmConfigTests
{
    [Theory]
    [InlineData("size=40G", 40)]
    [InlineData("size=32768M", 32)]
    [InlineData("size=1T", 1024)]
    [InlineData("size=2.5G", 2)]
    public void Parse_DiskSizeInAnyUnit_ReadInGiB(string size, long gib)
    {
        var config = Parse($$"""{ "name": "a", "scsi0": "pool:vm-100-disk-0,{{size}}", "boot": "order=scsi0" }""");

        Assert.Equal(("scsi0", gib), (config.Disk, config.DiskGiB));
    }

    [Fact]
    public void Parse_CdAndCloudInitDrivesBeforeTheDisk_BootDiskFound()
    {
        var config = Parse("""
            {
              "ide0": "pool:vm-100-cloudinit,media=cdrom,size=4M",
              "ide2": "none,media=cdrom",
              "virtio0": "pool:vm-100-disk-1,size=20G",
              "boot": "order=ide2;virtio0;net0",
              "memory": "current=4096",
              "cores": 3
            }
            """);

        Assert.Equal(("virtio0", 20L, 4096, 3), (config.Disk, config.DiskGiB, config.MemoryMiB, config.Cores));
    }

    [Theory]
    [InlineData("ip=192.0.2.10/24,gw=192.0.2.1", "192.0.2.10")]
    [InlineData("ip=dhcp", null)]
    [InlineData(null, null)]
    public void StaticAddress_FromIpConfig(string? ipConfig, string? address)
    {
        var json = ipConfig is null ? "{}" : $$"""{ "ipconfig0": "{{ipConfig}}" }""";

        Assert.Equal(address, Parse(json).StaticAddress);
    }

    [Fact]
    public void SshKeys_EncodedWithPercentTwentyAndDecodedBack()
    {
        string[] keys = ["ssh-ed25519 AAAA+b/c= cardno:000609769932", "ssh-rsa AAAB x+y@host"];

        var encoded = ProxmoxSshKeys.Encode(keys);

        Assert.DoesNotContain(' ', encoded);
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain(':', encoded);
        Assert.Contains("%20", encoded, StringComparison.Ordinal);
        Assert.Equal(keys, ProxmoxSshKeys.Decode(encoded));
    }

    private static ProxmoxVmConfig Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ProxmoxVmConfig.Parse(document.RootElement);
    }
}
