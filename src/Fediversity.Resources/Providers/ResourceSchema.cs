using System.Collections.Immutable;

namespace Fediversity.Resources.Providers;

/// <summary>What a provider tells the planner about its kind of resource.</summary>
/// <param name="ReplaceOn">Inputs whose change forces the resource to be destroyed and made again.</param>
/// <param name="DestroyLosesData">Whether destroying the resource loses data the operator cares about.</param>
/// <param name="UpdateNotes">A note per input on what an in-place change does, such as a restart.</param>
public sealed record ResourceSchema(
    ImmutableHashSet<string> ReplaceOn,
    bool DestroyLosesData,
    ImmutableDictionary<string, string> UpdateNotes)
{
    public static ResourceSchema Default { get; } = new([], false, ImmutableDictionary<string, string>.Empty);
}
