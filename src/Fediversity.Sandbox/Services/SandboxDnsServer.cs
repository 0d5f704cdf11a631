namespace Fediversity.Sandbox.Services;

/// <summary>
/// The stand-in for an authoritative DNS server with an HTTP API: zones, and record sets replaced or
/// deleted whole by name and type. Names must be canonical (end with a dot) and lie inside their zone.
/// </summary>
public sealed class SandboxDnsServer(string root, SandboxLatency latency, TimeProvider time)
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(root, "dns")).FullName;

    public IReadOnlyList<SandboxZone> Zones() => [.. ZoneFolder().All()];

    public SandboxZone? GetZone(string zone) => ZoneFolder().Read(FileName(zone));

    public async Task EnsureZoneAsync(string zone, IReadOnlyList<string> nameservers, CancellationToken cancellationToken)
    {
        await Task.Delay(latency.DnsCall, time, cancellationToken);
        RequireCanonical(zone);
        ZoneFolder().Write(FileName(zone), new SandboxZone(zone, nameservers));
    }

    public async Task<bool> DeleteZoneAsync(string zone, CancellationToken cancellationToken)
    {
        await Task.Delay(latency.DnsCall, time, cancellationToken);
        var deleted = ZoneFolder().Delete(FileName(zone));
        var records = RecordsFolderPath(zone);
        if (Directory.Exists(records))
        {
            Directory.Delete(records, recursive: true);
        }

        return deleted;
    }

    public IReadOnlyList<SandboxRecordSet> RecordSets(string zone) =>
        Directory.Exists(RecordsFolderPath(zone)) ? [.. Records(zone).All()] : [];

    public SandboxRecordSet? Get(string zone, string name, string type) => Records(zone).Read(FileName(name + type));

    public async Task ReplaceAsync(string zone, SandboxRecordSet recordSet, CancellationToken cancellationToken)
    {
        await Task.Delay(latency.DnsCall, time, cancellationToken);
        RequireCanonical(recordSet.Name);
        if (GetZone(zone) is null)
        {
            throw new SandboxException($"zone {zone} does not exist");
        }

        if (!recordSet.Name.Equals(zone, StringComparison.Ordinal) &&
            !recordSet.Name.EndsWith("." + zone, StringComparison.Ordinal))
        {
            throw new SandboxException($"name {recordSet.Name} is out of zone {zone}");
        }

        Records(zone).Write(FileName(recordSet.Name + recordSet.Type), recordSet);
    }

    public async Task<bool> DeleteAsync(string zone, string name, string type, CancellationToken cancellationToken)
    {
        await Task.Delay(latency.DnsCall, time, cancellationToken);
        return Directory.Exists(RecordsFolderPath(zone)) && Records(zone).Delete(FileName(name + type));
    }

    private RecordFolder<SandboxZone> ZoneFolder() => new(Path.Combine(folder, "zones"));

    private RecordFolder<SandboxRecordSet> Records(string zone) => new(RecordsFolderPath(zone));

    private string RecordsFolderPath(string zone) => Path.Combine(folder, "records", FileName(zone));

    private static string FileName(string name) => name.Replace('/', '_').TrimEnd('.') is { Length: > 0 } n ? n : "root";

    private static void RequireCanonical(string name)
    {
        if (!name.EndsWith('.'))
        {
            throw new SandboxException($"name '{name}' is not canonical (it must end with a dot)");
        }
    }
}
