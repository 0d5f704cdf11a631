using Fediversity.Orchestrator.State;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Panel.Refresh;

/// <summary>A bucket kept for a disabled application, as the overview lists it.</summary>
/// <param name="Address">The bucket's resource address.</param>
/// <param name="Name">The bucket's name.</param>
/// <param name="Size">Its size at the last refresh, for people.</param>
internal sealed record RetainedBucket(string Address, string Name, string Size)
{
    /// <summary>The retained buckets among an operator's recorded resources.</summary>
    public static IReadOnlyList<RetainedBucket> From(DeploymentState state) =>
    [
        .. state.Resources.Values.Where(r => r.Retained && r.Kind == BucketKind.Kind)
            .Select(r => new RetainedBucket(r.Address.Value, r.Input(BucketKind.Alias) ?? r.Address.Value, SizeOf(r))),
    ];

    private static string SizeOf(ResourceRecord bucket) =>
        bucket.Outputs.GetValueOrDefault(BucketKind.Objects) is NumberValue objects &&
        bucket.Outputs.GetValueOrDefault(BucketKind.Bytes) is NumberValue bytes
            ? $"{objects.Number} objects, {bytes.Number} bytes at the last refresh"
            : "size known after the next refresh";
}
