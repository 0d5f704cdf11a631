using Fediversity.Resources.Providers;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Resources.Providers;

public sealed class ProviderRegistryTests
{
    [Fact]
    public void For_RegisteredKind_ReturnsItsProvider()
    {
        var vm = new RecordingProvider("vm");
        var registry = new ProviderRegistry([vm, new RecordingProvider("dns-zone")]);

        Assert.Same(vm, registry.For("vm"));
    }

    [Fact]
    public void For_UnknownKind_ThrowsNamingTheKind()
    {
        var registry = new ProviderRegistry([new RecordingProvider("vm")]);

        var error = Assert.Throws<InvalidOperationException>(() => registry.For("s3-bucket"));

        Assert.Contains("s3-bucket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoProvidersForOneKind_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
            new ProviderRegistry([new RecordingProvider("vm"), new RecordingProvider("vm")]));
    }
}
