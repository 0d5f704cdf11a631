using Fediversity.Resources.Kinds;

namespace Fediversity.Sandbox;

/// <summary>How long the stand-in services take, so that progress is visible; zero in tests.</summary>
public sealed record SandboxLatency(
    TimeSpan CloneVm, TimeSpan StartVm, TimeSpan Switch, TimeSpan StorageCall, TimeSpan DnsCall)
{
    public static SandboxLatency None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Every latency multiplied by <paramref name="factor"/>.</summary>
    public SandboxLatency Scaled(double factor) =>
        new(CloneVm * factor, StartVm * factor, Switch * factor, StorageCall * factor, DnsCall * factor);

    /// <summary>
    /// How long the stand-in takes to make one resource of <paramref name="kind"/> from nothing: the waits
    /// its provider's create goes through, in order. Resources made on this machine (keys, passwords) and
    /// admin accounts take no stand-in time.
    /// </summary>
    public TimeSpan OfCreate(string kind) => kind switch
    {
        VirtualMachineKind.Kind => CloneVm + StartVm,
        NixosHostKind.Kind => Switch,
        BucketKind.Kind or AccessKeyKind.Kind or BucketGrantKind.Kind => StorageCall,
        DnsZoneKind.Kind or DnsRecordKind.Kind => DnsCall,
        _ => TimeSpan.Zero,
    };
}
