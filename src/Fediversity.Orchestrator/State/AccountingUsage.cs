using System.Collections.Immutable;
using System.Text.Json;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Orchestrator.State;

/// <summary>Which resources a hosting provider bills for, and the quantities it bills by.</summary>
internal static class AccountingUsage
{
    /// <summary>The billable quantities of a resource as JSON, or null when its kind is not billed.</summary>
    public static string? Of(ResourceRecord record)
    {
        ImmutableSortedDictionary<string, long>? usage = record.Kind switch
        {
            VirtualMachineKind.Kind => Numbers(record.Inputs,
                VirtualMachineKind.Cores, VirtualMachineKind.MemoryMiB, VirtualMachineKind.DiskGiB),
            BucketKind.Kind => Numbers(record.Outputs, BucketKind.Bytes),
            DnsZoneKind.Kind => ImmutableSortedDictionary<string, long>.Empty,
            _ => null,
        };
        return usage is null ? null : JsonSerializer.Serialize(usage);
    }

    private static ImmutableSortedDictionary<string, long> Numbers(
        ImmutableSortedDictionary<string, ResourceValue> values, params string[] names) =>
        names
            .Where(n => values.GetValueOrDefault(n) is NumberValue)
            .ToImmutableSortedDictionary(n => n, n => ((NumberValue)values[n]).Number, StringComparer.Ordinal);
}
