using System.Runtime.Versioning;
using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Sandbox.Services;

public sealed class SandboxMachinesTests : IDisposable
{
    private const string Host = "acme-mastodon";
    private const UnixFileMode ReadOnlyOwnerGroup = UnixFileMode.UserRead | UnixFileMode.GroupRead;

    private readonly TestSandbox sandbox = new();

    private SandboxMachines Machines => sandbox.World.Machines;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => sandbox.Dispose();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task DeployAsync_SecretFiles_AreWrittenWithTheRequestedMode()
    {
        var files = new Dictionary<string, (string, UnixFileMode)>
        {
            ["/run/secrets/db-password"] = ("s3cr3t", ReadOnlyOwnerGroup),
            ["/var/lib/mastodon/.env"] = ("KEY=v", UnixFileMode.UserRead),
        };

        await Machines.DeployAsync(Host, "{ }", files, Token);

        var db = Path.Combine(Machines.FolderOf(Host), "run", "secrets", "db-password");
        Assert.Equal("s3cr3t", await File.ReadAllTextAsync(db, Token));
        Assert.Equal(ReadOnlyOwnerGroup, File.GetUnixFileMode(db));
        Assert.Equal(UnixFileMode.UserRead,
            File.GetUnixFileMode(Path.Combine(Machines.FolderOf(Host), "var", "lib", "mastodon", ".env")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task DeployAsync_SecondTime_ReplacesTheFileAndItsMode()
    {
        var path = "/run/secrets/key";
        await Machines.DeployAsync(Host, "{ }", new Dictionary<string, (string, UnixFileMode)>
        {
            [path] = ("one", UnixFileMode.UserRead | UnixFileMode.UserWrite),
        }, Token);

        await Machines.DeployAsync(Host, "{ }", new Dictionary<string, (string, UnixFileMode)>
        {
            [path] = ("two", UnixFileMode.UserRead),
        }, Token);

        var file = Path.Combine(Machines.FolderOf(Host), "run", "secrets", "key");
        Assert.Equal("two", await File.ReadAllTextAsync(file, Token));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(file));
        Assert.Equal(2, Machines.SwitchCount(Host));
    }

    [Fact]
    public async Task DeployAsync_PathLeavingTheMachine_IsRefused()
    {
        var files = new Dictionary<string, (string, UnixFileMode)> { ["/../../escape"] = ("x", UnixFileMode.UserRead) };

        await Assert.ThrowsAsync<SandboxException>(() => Machines.DeployAsync(Host, "{ }", files, Token));
    }

    [Fact]
    public void EnsureAccount_SecondTime_KeepsTheFirstAccount()
    {
        Assert.True(Machines.EnsureAccount(Host, "mastodon", "admin", "admin@acme.example", "first-password"));

        Assert.False(Machines.EnsureAccount(Host, "mastodon", "admin", "other@acme.example", "second-password"));

        Assert.Equal("admin@acme.example", Machines.GetAccount(Host, "mastodon", "admin")?.Email);
        Assert.True(Machines.SignIn(Host, "mastodon", "admin", "first-password"));
        Assert.False(Machines.SignIn(Host, "mastodon", "admin", "second-password"));
    }

    [Fact]
    public void SignIn_WrongPasswordOrUser_Fails()
    {
        Machines.EnsureAccount(Host, "mastodon", "admin", "admin@acme.example", "right-password");

        Assert.True(Machines.SignIn(Host, "mastodon", "admin", "right-password"));
        Assert.False(Machines.SignIn(Host, "mastodon", "admin", "right-passwordx"));
        Assert.False(Machines.SignIn(Host, "mastodon", "root", "right-password"));
        Assert.False(Machines.SignIn(Host, "pixelfed", "admin", "right-password"));
    }

    [Fact]
    public void EnsureAccount_StoresASaltedHashNotThePassword()
    {
        Machines.EnsureAccount(Host, "mastodon", "admin", "a@acme.example", "same-password");
        Machines.EnsureAccount(Host, "pixelfed", "admin", "a@acme.example", "same-password");

        var files = Directory.EnumerateFiles(Machines.FolderOf(Host), "*", SearchOption.AllDirectories)
            .Select(File.ReadAllText);
        Assert.All(files, content => Assert.DoesNotContain("same-password", content, StringComparison.Ordinal));
        Assert.NotEqual(Machines.GetAccount(Host, "mastodon", "admin")?.PasswordHash,
            Machines.GetAccount(Host, "pixelfed", "admin")?.PasswordHash);
    }

    [Fact]
    public void SignIn_AccountHashedBeforeTheRoundsWereRecorded_StillSignsIn()
    {
        var salt = new byte[16];
        var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            "old-password"u8.ToArray(), salt, 100_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        var folder = Path.Combine(Machines.FolderOf(Host), "var", "lib", "mastodon", "accounts");
        Directory.CreateDirectory(folder);
        var record = new
        {
            username = "admin", email = "a@acme.example", salt = Convert.ToBase64String(salt),
            passwordHash = Convert.ToBase64String(hash), owner = true,
        };
        File.WriteAllText(Path.Combine(folder, "admin.json"), System.Text.Json.JsonSerializer.Serialize(record));

        Assert.True(Machines.SignIn(Host, "mastodon", "admin", "old-password"));
        Assert.False(Machines.SignIn(Host, "mastodon", "admin", "other-password"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public void FolderOf_InvalidHostName_IsRefused(string hostName)
    {
        Assert.Throws<SandboxException>(() => Machines.FolderOf(hostName));
    }
}
