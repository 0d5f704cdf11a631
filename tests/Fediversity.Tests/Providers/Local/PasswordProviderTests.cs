using Fediversity.Providers.Local;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Providers.Local;

public sealed class PasswordProviderTests
{
    private static async Task<string> CreateAsync(params (string, ResourceValue)[] inputs)
    {
        var outputs = await new PasswordProvider().CreateAsync(
            Request("acme/password", ValueMaps.Of(inputs)), TestContext.Current.CancellationToken);
        return Assert.IsType<SecretValue>(outputs[PasswordKind.Value]).Secret.Reveal();
    }

    [Fact]
    public async Task CreateAsync_Alphanumeric_HasTheLengthAndOnlyUnambiguousCharacters()
    {
        var password = await CreateAsync((PasswordKind.Length, ResourceValue.Of(32)));

        Assert.Equal(32, password.Length);
        Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c) && !"0O1lI".Contains(c), $"'{c}'"));
    }

    [Fact]
    public async Task CreateAsync_Hex_HasTheLengthEvenWhenOdd()
    {
        var password = await CreateAsync(
            (PasswordKind.Length, ResourceValue.Of(33)), (PasswordKind.Format, ResourceValue.Of("hex")));

        Assert.Equal(33, password.Length);
        Assert.All(password, c => Assert.True(char.IsAsciiHexDigitLower(c)));
    }

    [Fact]
    public async Task CreateAsync_LaravelKey_IsBase64Of32Bytes()
    {
        var password = await CreateAsync(
            (PasswordKind.Length, ResourceValue.Of(0)), (PasswordKind.Format, ResourceValue.Of("laravel-key")));

        Assert.StartsWith("base64:", password, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(password["base64:".Length..]).Length);
    }

    [Fact]
    public async Task CreateAsync_ChosenPassword_IsUsed()
    {
        var password = await CreateAsync(
            (PasswordKind.Length, ResourceValue.Of(32)), (PasswordKind.Chosen, ResourceValue.Of(new Secret("mine!"))));

        Assert.Equal("mine!", password);
    }

    [Fact]
    public async Task CreateAsync_UnknownFormat_ThrowsProviderException()
    {
        await Assert.ThrowsAsync<ProviderException>(() => CreateAsync(
            (PasswordKind.Length, ResourceValue.Of(8)), (PasswordKind.Format, ResourceValue.Of("emoji"))));
    }
}
