using System.Collections.Concurrent;
using System.Collections.Immutable;
using Fediversity.Resources;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.TestSupport;

/// <summary>
/// A provider that changes nothing outside the test: it writes down each call in order, answers with
/// an <c>id</c> output derived from the address, and runs a hook the test supplies before answering
/// (to wait on a gate, to fail, or to look at the journal while the call is in flight).
/// </summary>
internal sealed class RecordingProvider(string kind) : ResourceProvider
{
    public const string IdOutput = "id";

    private readonly ConcurrentQueue<string> calls = new();
    private readonly ConcurrentDictionary<ResourceAddress, ResourceRequest> requests = new();

    public override string Kind => kind;

    public override ResourceSchema Schema => SchemaOverride ?? ResourceSchema.Default;

    public ResourceSchema? SchemaOverride { get; init; }

    public override bool ActsOutside => ActsOutsideOverride;

    /// <summary>Whether the provider stands for one that changes something outside (the default).</summary>
    public bool ActsOutsideOverride { get; init; } = true;

    /// <summary>Runs inside each call, before it answers; may wait or throw.</summary>
    public Func<string, ResourceAddress, CancellationToken, Task>? Hook { get; set; }

    /// <summary>Each call as <c>operation address</c>, for example <c>create a/b</c>, in the order they began.</summary>
    public IReadOnlyList<string> Calls => [.. calls];

    /// <summary>The last request each address was created or updated with.</summary>
    public IReadOnlyDictionary<ResourceAddress, ResourceRequest> Requests => requests;

    public static ImmutableSortedDictionary<string, ResourceValue> OutputsFor(ResourceAddress address) =>
        ValueMaps.Of((IdOutput, ResourceValue.Of($"id:{address}")));

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        await CallAsync("create", request.Address, cancellationToken);
        requests[request.Address] = request;
        return OutputsFor(request.Address);
    }

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        await CallAsync("update", request.Address, cancellationToken);
        requests[request.Address] = request;
        return OutputsFor(request.Address);
    }

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken) =>
        CallAsync("delete", record.Address, cancellationToken);

    private async Task CallAsync(string operation, ResourceAddress address, CancellationToken cancellationToken)
    {
        calls.Enqueue($"{operation} {address}");
        if (Hook is { } hook)
        {
            await hook(operation, address, cancellationToken);
        }
    }
}
