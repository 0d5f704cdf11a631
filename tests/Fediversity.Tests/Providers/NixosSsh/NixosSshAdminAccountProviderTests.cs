using Fediversity.Providers.NixosSsh;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Providers.NixosSsh;

public sealed class NixosSshAdminAccountProviderTests
{
    private const string Password = "Zq7kT2mWx9PbR4nVc8LhY3sD";
    private const string OtherPassword = "Hd5tG8wQz2KxN7mPc4RbV9sL";

    [Fact]
    public async Task CreateAsync_Mastodon_MakesTheOwnerOnce_WithTheKeysOfItsMachine()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon", "mastodon");
        var providers = NixosSshProviders.For(SshRequests.Options, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;
        await SshRequests.Provider(NixosHostKind.Kind, providers).CreateAsync(
            SshRequests.NixosHost(machine, SshRequests.MastodonConfiguration(machine), SshRequests.MastodonSecrets,
                new RecordingReporter()), ct);
        var accounts = SshRequests.Provider(AdminAccountKind.Kind, providers);

        var outputs = await accounts.CreateAsync(
            SshRequests.Admin(machine, "mastodon", "alice", Password, new RecordingReporter(), withKeys: false), ct);
        var again = new RecordingReporter();
        await accounts.CreateAsync(SshRequests.Admin(machine, "mastodon", "alice", OtherPassword, again, false), ct);

        Assert.Equal("mastodon:alice", ((TextValue)outputs[AdminAccountKind.AccountId]).Text);
        Assert.Equal(
            "email=admin@acme.example\nrole=Owner\nconfirmed=yes\napproved=yes\n",
            machine.ReadRecord("accounts/mastodon/alice"));
        Assert.Equal(Password, machine.ReadRecord("accounts/mastodon/alice.password"));
        Assert.Single(
            machine.Commands(), c => c.StartsWith("tootctl accounts create alice", StringComparison.Ordinal));
        Assert.Contains(again.Lines, l => l.Contains("kept as it is", StringComparison.Ordinal));
        Assert.True(machine.Exists("/var/lib/fediversity/admin-accounts/mastodon-alice"));
        AssertNeverOnACommandLine(machine, Password, OtherPassword);
    }

    [Fact]
    public async Task CreateAsync_MastodonAccountLeftByAStoppedRun_IsTakenOverAndGetsThePassword()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon", "mastodon");
        Directory.CreateDirectory(Path.Combine(machine.Records, "accounts", "mastodon"));
        await File.WriteAllTextAsync(Path.Combine(machine.Records, "accounts", "mastodon", "alice"),
            "email=admin@acme.example\nrole=Owner\nconfirmed=yes\napproved=yes\n",
            TestContext.Current.CancellationToken);

        await SshRequests.Provider(AdminAccountKind.Kind).CreateAsync(
            SshRequests.Admin(machine, "mastodon", "alice", Password, new RecordingReporter()),
            TestContext.Current.CancellationToken);

        Assert.DoesNotContain(
            machine.Commands(), c => c.StartsWith("tootctl accounts create", StringComparison.Ordinal));
        Assert.Equal(Password, machine.ReadRecord("accounts/mastodon/alice.password"));
    }

    [Fact]
    public async Task CreateAsync_Pixelfed_MakesTheAdministratorOnce()
    {
        await using var machine = await TestMachine.StartAsync("acme-pixelfed", "pixelfed");
        var accounts = SshRequests.Provider(AdminAccountKind.Kind);
        var ct = TestContext.Current.CancellationToken;

        await accounts.CreateAsync(
            SshRequests.Admin(machine, "pixelfed", "alice", Password, new RecordingReporter()), ct);
        await accounts.CreateAsync(
            SshRequests.Admin(machine, "pixelfed", "alice", OtherPassword, new RecordingReporter()), ct);

        Assert.Equal(
            "name=alice\nemail=admin@acme.example\nadmin=yes\nverified=yes\n",
            machine.ReadRecord("accounts/pixelfed/alice"));
        Assert.Equal(Password, machine.ReadRecord("accounts/pixelfed/alice.password"));
        Assert.Single(
            machine.Commands(), c => c.StartsWith("pixelfed-manage user:create", StringComparison.Ordinal));
        AssertNeverOnACommandLine(machine, Password, OtherPassword);
    }

    [Fact]
    public async Task CreateAsync_Peertube_SetsRootsPasswordOnce()
    {
        await using var machine = await TestMachine.StartAsync("acme-peertube", "peertube");
        var accounts = SshRequests.Provider(AdminAccountKind.Kind);
        var ct = TestContext.Current.CancellationToken;

        await accounts.CreateAsync(
            SshRequests.Admin(machine, "peertube", "root", Password, new RecordingReporter()), ct);
        await accounts.CreateAsync(
            SshRequests.Admin(machine, "peertube", "root", OtherPassword, new RecordingReporter()), ct);

        Assert.Equal(Password, machine.ReadRecord("accounts/peertube/root.password"));
        Assert.Single(
            machine.Commands(), c => c.StartsWith("npm run --silent reset-password", StringComparison.Ordinal));
        Assert.Contains(machine.Commands(), c => c.StartsWith("sudo -u peertube", StringComparison.Ordinal));
        AssertNeverOnACommandLine(machine, Password, OtherPassword);
    }

    [Fact]
    public async Task CreateAsync_MachineKeysNotKnownInThisRun_FailsAndSaysWhatToDo()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon", "mastodon");

        var error = await Assert.ThrowsAsync<ProviderException>(() => SshRequests.Provider(AdminAccountKind.Kind)
            .CreateAsync(SshRequests.Admin(machine, "mastodon", "alice", Password, new RecordingReporter(), false),
                TestContext.Current.CancellationToken));

        Assert.True(error.IsTransient);
        Assert.Contains("keys of acme-mastodon are not known", error.Message, StringComparison.Ordinal);
        Assert.Empty(machine.Sessions());
    }

    private static void AssertNeverOnACommandLine(TestMachine machine, params string[] secrets)
    {
        Assert.NotEmpty(machine.Sessions());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(machine.Sessions(), s => s.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(machine.Commands(), c => c.Contains(secret, StringComparison.Ordinal));
        }
    }
}
