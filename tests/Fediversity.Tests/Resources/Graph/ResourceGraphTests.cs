using Fediversity.Resources;
using Fediversity.Resources.Graph;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Resources.Graph;

public sealed class ResourceGraphTests
{
    [Fact]
    public void Order_ChainGivenBackwards_PutsEveryDependencyFirst()
    {
        var graph = ResourceGraph.Create("acme",
        [
            Desired("a/3-host", "nixos-host", ("address", Ref("a/2-vm", "ipv4"))),
            Desired("a/1-zone", "dns-zone"),
            Desired("a/2-vm", "vm").WithDependsOn("a/0-key"),
            Desired("a/0-key", "ssh-key"),
            Desired("a/4-record", "dns-record", ("records", Ref("a/2-vm", "ipv4"))).WithDependsOn("a/1-zone"),
        ]);

        var order = graph.Order.Select(r => r.Address.Value).ToList();

        foreach (var resource in graph.Resources.Values)
        {
            foreach (var dependency in resource.Dependencies)
            {
                Assert.True(order.IndexOf(dependency.Value) < order.IndexOf(resource.Address.Value),
                    $"{dependency} should come before {resource.Address} in {string.Join(", ", order)}");
            }
        }

        Assert.Equal(5, order.Count);
    }

    [Fact]
    public void Order_DependencyNamedLaterByAddress_StillComesFirst()
    {
        var graph = ResourceGraph.Create("acme", [Desired("a", "k", ("x", Ref("z", "out"))), Desired("z", "k")]);

        Assert.Equal(["z", "a"], graph.Order.Select(r => r.Address.Value));
    }

    [Fact]
    public void Order_IndependentResources_AreSortedByAddress()
    {
        var graph = ResourceGraph.Create("acme", [Desired("c", "k"), Desired("a", "k"), Desired("b", "k")]);

        Assert.Equal(["a", "b", "c"], graph.Order.Select(r => r.Address.Value));
    }

    [Fact]
    public void Create_MissingDependency_ThrowsNamingBothAddresses()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResourceGraph.Create("acme",
            [Desired("acme/dns/www", "dns-record", ("records", Ref("acme/vm", "ipv4")))]));

        Assert.Contains("acme/dns/www", error.Message, StringComparison.Ordinal);
        Assert.Contains("acme/vm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingExplicitDependency_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResourceGraph.Create("acme",
            [Desired("acme/host", "nixos-host").WithDependsOn("acme/gone")]));

        Assert.Contains("acme/gone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Cycle_ThrowsNamingEveryAddressInIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResourceGraph.Create("acme",
        [
            Desired("acme/a", "k", ("x", Ref("acme/b", "out"))),
            Desired("acme/b", "k", ("x", Ref("acme/c", "out"))),
            Desired("acme/c", "k").WithDependsOn("acme/a"),
        ]));

        Assert.Contains("cycle", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("acme/a -> acme/b -> acme/c -> acme/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SelfReference_IsACycle()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResourceGraph.Create("acme",
            [Desired("acme/a", "k", ("x", Ref("acme/a", "out")))]));

        Assert.Contains("acme/a -> acme/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TwoResourcesOneAddress_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ResourceGraph.Create("acme", [Desired("acme/a", "k"), Desired("acme/a", "other")]));

        Assert.Contains("acme/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependencies_ReferencesAndDependsOn_AreBothCounted()
    {
        var resource = Desired("acme/host", "nixos-host", ("address", Ref("acme/vm", "ipv4"))).WithDependsOn("acme/zone");

        Assert.Equal([new ResourceAddress("acme/vm"), new ResourceAddress("acme/zone")], resource.Dependencies);
    }

    [Fact]
    public void Dependencies_CopyWithOtherInputsOrDependsOn_AreTheCopysOwn()
    {
        var original = Desired("acme/host", "nixos-host", ("address", Ref("acme/vm", "ipv4")));
        Assert.Equal([new ResourceAddress("acme/vm")], original.Dependencies);

        var otherInputs = original with { Inputs = ValueMaps.Of(("address", Ref("acme/vm2", "ipv4"))) };
        var otherDependsOn = original.WithDependsOn("acme/zone");

        Assert.Equal([new ResourceAddress("acme/vm2")], otherInputs.Dependencies);
        Assert.Equal([new ResourceAddress("acme/vm"), new ResourceAddress("acme/zone")], otherDependsOn.Dependencies);
        Assert.Equal([new ResourceAddress("acme/vm")], original.Dependencies);
    }
}
