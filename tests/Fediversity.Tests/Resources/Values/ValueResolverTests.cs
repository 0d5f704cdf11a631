using Fediversity.Resources;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Resources.Values;

public sealed class ValueResolverTests
{
    private static readonly OutputReference Ip = Ref("acme/vm", "ipv4");
    private static readonly OutputReference Key = Ref("acme/key", "secretAccessKey");

    private static ResourceValue? Known(OutputReference reference) => reference switch
    {
        { Output: "ipv4" } => ResourceValue.Of("198.18.0.101"),
        { Output: "secretAccessKey" } => ResourceValue.Of(new Secret("s3-secret-value")),
        _ => null,
    };

    [Fact]
    public void TryResolve_ReferenceToKnownOutput_ReturnsTheOutput()
    {
        Assert.Equal(ResourceValue.Of("198.18.0.101"), ValueResolver.TryResolve(Ip, Known));
    }

    [Fact]
    public void TryResolve_ReferenceToUnknownOutput_ReturnsNull()
    {
        Assert.Null(ValueResolver.TryResolve(Ref("acme/vm", "hostKey"), Known));
    }

    [Fact]
    public void TryResolve_ConcreteValue_ReturnsItUnchanged()
    {
        var value = ResourceValue.Of(42);

        Assert.Same(value, ValueResolver.TryResolve(value, _ => throw new InvalidOperationException("not asked")));
    }

    [Fact]
    public void TryResolve_TemplateOfTextNumberAndReference_JoinsThemAsText()
    {
        var template = new Template([ResourceValue.Of("http://"), Ip, ResourceValue.Of(":"), ResourceValue.Of(8080)]);

        var resolved = ValueResolver.TryResolve(template, Known);

        Assert.Equal(new TextValue("http://198.18.0.101:8080"), resolved);
    }

    [Fact]
    public void TryResolve_TemplateWithSecretReference_ResolvesToSecret()
    {
        var template = new Template([ResourceValue.Of("AWS_SECRET_ACCESS_KEY="), Key]);

        var resolved = ValueResolver.TryResolve(template, Known);

        var secret = Assert.IsType<SecretValue>(resolved);
        Assert.Equal("AWS_SECRET_ACCESS_KEY=s3-secret-value", secret.Secret.Reveal());
    }

    [Fact]
    public void TryResolve_TemplateWithLiteralSecretPart_ResolvesToSecret()
    {
        var template = new Template([ResourceValue.Of("password="), ResourceValue.Of(new Secret("hunter2"))]);

        Assert.IsType<SecretValue>(ValueResolver.TryResolve(template, Known));
    }

    [Fact]
    public void TryResolve_TemplateWithUnknownPart_ReturnsNull()
    {
        var template = new Template([ResourceValue.Of("host="), Ref("acme/other", "ipv4"), Ref("acme/x", "missing")]);

        Assert.Null(ValueResolver.TryResolve(template, Known));
    }

    [Fact]
    public void TryResolve_ListAndMapWithReferences_ResolvesEveryItem()
    {
        var map = new MapValue(ValueMaps.Of(
            ("address", Ip),
            ("all", ResourceValue.ListOf(ResourceValue.Of("a"), Ip))));

        var resolved = Assert.IsType<MapValue>(ValueResolver.TryResolve(map, Known));

        Assert.Equal(ResourceValue.Of("198.18.0.101"), resolved.Entries["address"]);
        Assert.Equal(ResourceValue.ListOf("a", "198.18.0.101"), resolved.Entries["all"]);
        Assert.True(resolved.IsResolved);
    }

    [Fact]
    public void TryResolve_ListWithOneUnknownItem_ReturnsNull()
    {
        Assert.Null(ValueResolver.TryResolve(ResourceValue.ListOf(Ip, Ref("acme/x", "y")), Known));
    }

    [Fact]
    public void TryResolve_TemplateWithListPart_Throws()
    {
        var template = new Template([ResourceValue.ListOf("a", "b")]);

        Assert.Throws<InvalidOperationException>(() => ValueResolver.TryResolve(template, Known));
    }

    [Fact]
    public void References_NestedValue_NamesEveryReferencedAddress()
    {
        var value = ResourceValue.ListOf(new Template([ResourceValue.Of("x"), Key]), Ip);

        Assert.Equal([Address("acme/key"), Address("acme/vm")], value.References.Order());
        Assert.False(value.IsResolved);
    }
}
