using System.Text.Json;
using Fediversity.Resources;

namespace Fediversity.Tests.Resources;

public sealed class SecretTests
{
    private const string Clear = "correct-horse-battery-staple";

    [Fact]
    public void ToString_AnySecret_PrintsMask()
    {
        var secret = new Secret(Clear);

        Assert.Equal("(sensitive)", secret.ToString());
        Assert.Equal("key=(sensitive)", $"key={secret}");
    }

    [Fact]
    public void JsonSerialize_Secret_DoesNotContainClearValue()
    {
        var json = JsonSerializer.Serialize(new { Password = new Secret(Clear) });

        Assert.DoesNotContain(Clear, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Reveal_Secret_ReturnsClearValue()
    {
        Assert.Equal(Clear, new Secret(Clear).Reveal());
    }

    [Fact]
    public void Equals_SameAndDifferentValues_ComparesByValue()
    {
        Assert.Equal(new Secret(Clear), new Secret(Clear));
        Assert.NotEqual(new Secret(Clear), new Secret(Clear + "!"));
    }

    [Fact]
    public void Constructor_EmptyValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Secret(""));
    }
}
