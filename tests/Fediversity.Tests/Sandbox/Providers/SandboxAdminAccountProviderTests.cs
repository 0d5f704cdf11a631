using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Providers;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Sandbox.Providers;

public sealed class SandboxAdminAccountProviderTests : IDisposable
{
    private const string Host = "acme-mastodon";

    private readonly TestSandbox sandbox = new();
    private readonly SandboxAdminAccountProvider provider;

    public SandboxAdminAccountProviderTests() => provider = new SandboxAdminAccountProvider(sandbox.World.Machines);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => sandbox.Dispose();

    private static ResourceRequest AdminRequest(string password, RecordingReporter? reporter = null) =>
        Request("acme/mastodon/admin", ValueMaps.Of(
            (AdminAccountKind.Application, ResourceValue.Of("mastodon")),
            (AdminAccountKind.HostName, ResourceValue.Of(Host)),
            (AdminAccountKind.Username, ResourceValue.Of("admin")),
            (AdminAccountKind.Email, ResourceValue.Of("admin@acme.example")),
            (AdminAccountKind.Password, ResourceValue.Of(new Secret(password)))), reporter);

    [Fact]
    public async Task CreateAsync_Twice_MakesTheAccountOnceAndKeepsItsPassword()
    {
        await provider.CreateAsync(AdminRequest("first-password"), Token);
        var reporter = new RecordingReporter();

        var outputs = await provider.CreateAsync(AdminRequest("second-password", reporter), Token);

        Assert.Equal(ResourceValue.Of("mastodon:admin"), outputs[AdminAccountKind.AccountId]);
        Assert.True(sandbox.World.Machines.SignIn(Host, "mastodon", "admin", "first-password"));
        Assert.False(sandbox.World.Machines.SignIn(Host, "mastodon", "admin", "second-password"));
        Assert.Contains(reporter.Lines, l => l.Contains("kept as it is", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_ExistingAccount_DoesNotResetThePassword()
    {
        var outputs = await provider.CreateAsync(AdminRequest("first-password"), Token);

        await provider.UpdateAsync(AdminRequest("changed-password") with { PriorOutputs = outputs }, Token);

        Assert.True(sandbox.World.Machines.SignIn(Host, "mastodon", "admin", "first-password"));
    }

    [Fact]
    public async Task UpdateAsync_AccountGone_MakesItAgain()
    {
        var outputs = await provider.CreateAsync(AdminRequest("first-password"), Token);
        sandbox.World.Machines.DeleteAccount(Host, "mastodon", "admin");

        await provider.UpdateAsync(AdminRequest("new-password") with { PriorOutputs = outputs }, Token);

        Assert.True(sandbox.World.Machines.SignIn(Host, "mastodon", "admin", "new-password"));
    }

    [Fact]
    public async Task DeleteAsync_AccountAlreadyGone_Succeeds()
    {
        var request = AdminRequest("pw");
        var record = RecordOf(request, AdminAccountKind.Kind, await provider.CreateAsync(request, Token));
        await provider.DeleteAsync(record, new RecordingReporter(), Token);
        var reporter = new RecordingReporter();

        await provider.DeleteAsync(record, reporter, Token);

        Assert.Null(sandbox.World.Machines.GetAccount(Host, "mastodon", "admin"));
        Assert.Contains(reporter.Lines, l => l.Contains("already gone", StringComparison.Ordinal));
    }
}
