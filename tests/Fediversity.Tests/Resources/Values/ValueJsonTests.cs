using System.Text;
using System.Text.Json;
using Fediversity.Resources;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Resources.Values;

public sealed class ValueJsonTests
{
    private const string Clear = "clear-secret-2f1e9c";

    /// <summary>A reversible stand-in for encryption: the clear text never shows, and decoding needs the codec.</summary>
    private static string Protect(Secret secret) =>
        "enc:" + Convert.ToBase64String(Scramble(Encoding.UTF8.GetBytes(secret.Reveal())));

    private static Secret Unprotect(string text)
    {
        Assert.StartsWith("enc:", text, StringComparison.Ordinal);
        return new Secret(Encoding.UTF8.GetString(Scramble(Convert.FromBase64String(text[4..]))));
    }

    private static byte[] Scramble(byte[] bytes) => [.. bytes.Select(b => (byte)(b ^ 0x5A))];

    private static readonly System.Collections.Immutable.ImmutableSortedDictionary<string, ResourceValue> Sample =
        ValueMaps.Of(
            ("text", ResourceValue.Of("hello \"world\"\nsecond line")),
            ("number", ResourceValue.Of(9_000_000_000L)),
            ("flag", ResourceValue.Of(true)),
            ("off", ResourceValue.Of(false)),
            ("secret", ResourceValue.Of(new Secret(Clear))),
            ("list", ResourceValue.ListOf(ResourceValue.Of("a"), ResourceValue.Of(1), ResourceValue.Of(new Secret(Clear)))),
            ("map", new MapValue(ValueMaps.Of(("inner", ResourceValue.Of("x")), ("key", ResourceValue.Of(new Secret(Clear)))))),
            ("reference", Ref("acme/vm", "ipv4")),
            ("template", new Template([ResourceValue.Of("KEY="), Ref("acme/key", "secretAccessKey")])),
            ("empty", ResourceValue.ListOf(Array.Empty<ResourceValue>())));

    [Fact]
    public void SerializeMap_ThenDeserializeMap_GivesEqualValues()
    {
        var json = ValueJson.SerializeMap(Sample, Protect);

        var read = ValueJson.DeserializeMap(json, Unprotect);

        Assert.Equal(Sample.Keys, read.Keys);
        foreach (var (name, value) in Sample)
        {
            Assert.Equal(value, read[name]);
        }
    }

    [Fact]
    public void SerializeMap_WithSecrets_NeverWritesTheClearValue()
    {
        var json = ValueJson.SerializeMap(Sample, Protect);

        Assert.DoesNotContain(Clear, json, StringComparison.Ordinal);
        Assert.Contains(Protect(new Secret(Clear)), json, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeMap_Secret_GoesThroughTheCodecOncePerSecret()
    {
        var protectedCount = 0;

        ValueJson.SerializeMap(Sample, s =>
        {
            protectedCount++;
            return Protect(s);
        });

        Assert.Equal(3, protectedCount);
    }

    [Fact]
    public void DeserializeMap_SecretEntry_IsASecretValue()
    {
        var read = ValueJson.DeserializeMap(ValueJson.SerializeMap(Sample, Protect), Unprotect);

        var secret = Assert.IsType<SecretValue>(read["secret"]);
        Assert.Equal(Clear, secret.Secret.Reveal());
    }

    [Fact]
    public void DeserializeMap_NotAnObject_Throws()
    {
        Assert.Throws<JsonException>(() => ValueJson.DeserializeMap("[1, 2]", Unprotect));
    }

    [Fact]
    public void DeserializeMap_NullValue_Throws()
    {
        Assert.Throws<JsonException>(() => ValueJson.DeserializeMap("""{"a": null}""", Unprotect));
    }

    [Fact]
    public void DeserializeMap_NestedValues_ComeBackAsTheyWereWritten()
    {
        var nested = ValueMaps.Of(
            ("nested", ResourceValue.ListOf(
                new MapValue(ValueMaps.Of(
                    ("output", ResourceValue.Of("not a reference")),
                    ("deep", ResourceValue.ListOf(
                        ResourceValue.Of(-1),
                        new Template([ResourceValue.Of("PASSWORD="), ResourceValue.Of(new Secret(Clear))]))))),
                new MapValue(ValueMaps.Empty))),
            ("reference in a list", ResourceValue.ListOf(Ref("acme/ssh-key", "publicKey"))));

        var read = ValueJson.DeserializeMap(ValueJson.SerializeMap(nested, Protect), Unprotect);

        Assert.Equal(nested, read);
        Assert.Equal(nested["nested"], read["nested"]);
    }
}
