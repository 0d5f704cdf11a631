using Fediversity.Providers.NixosSsh.Host;
using Fediversity.Resources.Providers;

namespace Fediversity.Tests.Providers.NixosSsh;

public sealed class SecretFileTests
{
    [Fact]
    public void Parse_OwnerGroupMode_SplitsIt()
    {
        var file = SecretFile.Parse("/var/lib/fediversity/secrets/mastodon-s3.env", "x", "mastodon:mastodon:0400");

        Assert.Equal(("mastodon", "mastodon", "0400"), (file.Owner, file.Group, file.Mode));
        Assert.DoesNotContain("x", file.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/path", "root:root:0400")]
    [InlineData("/var/lib/../etc/shadow", "root:root:0400")]
    [InlineData("/var/lib/fediversity/secrets/a b", "root:root:0400")]
    [InlineData("/var/lib/fediversity/secrets/x", "root:root:rwx")]
    [InlineData("/var/lib/fediversity/secrets/x", "root;reboot:root:0400")]
    [InlineData("/var/lib/fediversity/secrets/x", "root:0400")]
    public void Parse_UnsafePathOrMode_IsRefused(string path, string ownerGroupMode) =>
        Assert.Throws<ProviderException>(() => SecretFile.Parse(path, "x", ownerGroupMode));
}
