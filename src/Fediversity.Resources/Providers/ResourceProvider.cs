using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Resources.Providers;

/// <summary>
/// Makes one kind of resource so. Every operation is cancellable. <see cref="CreateAsync"/> must be
/// idempotent by the resource's natural name: when a resource of that name already exists (because a
/// run was killed after the remote call and before the state was written) it is taken over, not
/// made twice. A provider owns its API's quirks so that the orchestrator never has to know them.
/// </summary>
public abstract class ResourceProvider
{
    /// <summary>The kind of resource this provider makes, for example <c>vm</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>How changes to this kind's inputs are carried out, and what destroying it loses.</summary>
    public virtual ResourceSchema Schema => ResourceSchema.Default;

    /// <summary>
    /// Whether a call changes anything outside Fediversity's own state. A provider that only computes values
    /// (a key pair, a password) leaves nothing behind when cut off, so no journal intent is written before
    /// its calls and the step costs one durable write instead of two.
    /// </summary>
    public virtual bool ActsOutside => true;

    /// <summary>Makes the resource, or takes over the one of that name that already exists.</summary>
    public abstract Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken);

    /// <summary>Changes the resource in place. Only called for inputs that do not force a replacement.</summary>
    public virtual Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Kind} resources cannot be changed in place.");

    /// <summary>Removes the resource. A resource that is already gone counts as removed.</summary>
    public abstract Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the resource back from where it lives: <c>null</c> when it is gone, else the inputs as
    /// they are now (only those the provider can see) so that a refresh can show drift.
    /// </summary>
    public virtual Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken) =>
        Task.FromResult<ResourceReading?>(new ResourceReading(record.Inputs, record.Outputs));

    /// <summary>
    /// Problems with changing <paramref name="prior"/> into <paramref name="desired"/> that must stop the plan,
    /// such as shrinking a disk. Returned as data, each a sentence that says what to do.
    /// </summary>
    public virtual IEnumerable<string> CheckChange(
        IReadOnlyDictionary<string, ResourceValue> prior, IReadOnlyDictionary<string, ResourceValue> desired) => [];
}
