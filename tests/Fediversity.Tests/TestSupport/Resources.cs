using System.Collections.Immutable;
using Fediversity.Resources;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.TestSupport;

/// <summary>Short ways to write desired resources, recorded resources and provider requests in tests.</summary>
internal static class TestResources
{
    public static ResourceAddress Address(string value) => new(value);

    public static DesiredResource Desired(string address, string kind, params (string Name, ResourceValue Value)[] inputs) =>
        new(new ResourceAddress(address), kind, ValueMaps.Of(inputs), []);

    public static DesiredResource WithDependsOn(this DesiredResource resource, params string[] addresses) =>
        resource with { DependsOn = [.. addresses.Select(a => new ResourceAddress(a))] };

    public static ResourceRecord Recorded(
        string address,
        string kind,
        ImmutableSortedDictionary<string, ResourceValue> inputs,
        ImmutableSortedDictionary<string, ResourceValue>? outputs = null,
        params string[] dependencies) =>
        new(new ResourceAddress(address), kind, inputs, outputs ?? ValueMaps.Empty,
            [.. dependencies.Select(d => new ResourceAddress(d))]);

    /// <summary>The record a successful create of <paramref name="resource"/> would leave, with these outputs.</summary>
    public static ResourceRecord RecordOf(
        DesiredResource resource, ImmutableSortedDictionary<string, ResourceValue>? outputs = null) =>
        new(resource.Address, resource.Kind, resource.Inputs, outputs ?? ValueMaps.Empty, resource.Dependencies);

    public static OutputReference Ref(string address, string output) => new(new ResourceAddress(address), output);

    public static ResourceRequest Request(
        string address,
        ImmutableSortedDictionary<string, ResourceValue> inputs,
        IStepReporter? reporter = null,
        ImmutableSortedDictionary<string, ResourceValue>? priorOutputs = null) =>
        new(new ResourceAddress(address), inputs, priorOutputs ?? ValueMaps.Empty, reporter ?? new RecordingReporter());

    public static ResourceRecord RecordOf(
        ResourceRequest request, string kind, ImmutableSortedDictionary<string, ResourceValue> outputs) =>
        new(request.Address, kind, request.Inputs, outputs, []);
}
