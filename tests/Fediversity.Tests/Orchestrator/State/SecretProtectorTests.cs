using Fediversity.Orchestrator.State;
using Fediversity.Resources;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.State;

public sealed class SecretProtectorTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Protect_ThenUnprotect_GivesTheSecretBack()
    {
        var protector = SecretProtector.FromKeyFile(folder.File("key"));

        var stored = protector.Protect(new Secret("p@ss wörd"));

        Assert.Equal("p@ss wörd", protector.Unprotect(stored).Reveal());
        Assert.DoesNotContain("p@ss", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void Protect_SameSecretTwice_GivesDifferentText()
    {
        var protector = SecretProtector.FromKeyFile(folder.File("key"));

        Assert.NotEqual(protector.Protect(new Secret("same")), protector.Protect(new Secret("same")));
    }

    [Fact]
    public void Unprotect_TamperedText_Throws()
    {
        var protector = SecretProtector.FromKeyFile(folder.File("key"));
        var stored = protector.Protect(new Secret("value"));
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            protector.Unprotect("v1:" + Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void FromKeyFile_DamagedFile_ThrowsSayingSo()
    {
        File.WriteAllBytes(folder.File("key"), [1, 2, 3]);

        var error = Assert.Throws<InvalidOperationException>(() => SecretProtector.FromKeyFile(folder.File("key")));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }
}
