using Fediversity.Orchestrator.Locking;
using Fediversity.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Fediversity.Tests.Orchestrator.Locking;

/// <summary>What the deployment lease promises on every database, each in a class of its own.</summary>
public abstract class DeploymentLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private TestStore test = null!;

    protected abstract StoreKind Kind { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => test = await TestStore.OpenAsync(Kind, GetType(), Token);

    public async ValueTask DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AcquireAsync_ManyAtOnceFromSeveralProcesses_ExactlyOneWinsAndTheOthersAreToldWho()
    {
        var processes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => test.OpenAgainAsync(test.Time, Token)));

        var results = await ContendAsync(processes, 32);

        var winner = Assert.Single(results, r => r.Lease is not null).Lease!;
        Assert.All(results.Where(r => r.Lease is null), r => Assert.Equal(winner.Holder, r.Error?.Holder));
        await DisposeAllAsync(results);
    }

    [Fact]
    public async Task AcquireAsync_ManyAtOnceAfterTheHolderDied_ExactlyOneTakesItOver()
    {
        var deadStore = await test.OpenAgainAsync(new FakeTimeProvider(test.Time.GetUtcNow()), Token);
        await using var dead = await DeploymentLease.AcquireAsync(deadStore, "acme", Holder("alice"), Ttl, Token);
        test.Time.Advance(Ttl + TimeSpan.FromSeconds(1));
        var processes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => test.OpenAgainAsync(test.Time, Token)));

        var results = await ContendAsync(processes, 32);

        var winner = Assert.Single(results, r => r.Lease is not null).Lease!;
        Assert.NotEqual("alice", winner.Holder);
        Assert.All(results.Where(r => r.Lease is null), r => Assert.Equal(winner.Holder, r.Error?.Holder));
        await DisposeAllAsync(results);
    }

    [Fact]
    public async Task AcquireAsync_ManyDeploymentsAtOnce_EachGetsItsOwnLease()
    {
        var names = Enumerable.Range(0, 24).Select(i => $"op-{i}").ToList();

        var leases = await Task.WhenAll(names.Select(name => Task.Run(() =>
            DeploymentLease.AcquireAsync(test.Store, name, Holder("h-" + name), Ttl, Token), Token)));

        Assert.Equal(names, leases.Select(l => l.Deployment));
        foreach (var lease in leases)
        {
            await lease.DisposeAsync();
        }
    }

    /// <summary>Many holders ask for the same deployment's lease at the same moment, spread over the stores.</summary>
    private static async Task<(DeploymentLease? Lease, DeploymentLockedException? Error)[]> ContendAsync(
        IReadOnlyList<Fediversity.Orchestrator.State.StateStore> stores, int contenders)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, contenders).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                var lease = await DeploymentLease.AcquireAsync(
                    stores[i % stores.Count], "acme", Holder($"h{i}"), Ttl, Token);
                return (lease, (DeploymentLockedException?)null);
            }
            catch (DeploymentLockedException e)
            {
                return ((DeploymentLease?)null, e);
            }
        }, Token)).ToList();

        start.SetResult();
        return await Task.WhenAll(attempts);
    }

    private static async Task DisposeAllAsync(
        IEnumerable<(DeploymentLease? Lease, DeploymentLockedException? Error)> results)
    {
        foreach (var (lease, _) in results)
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AcquireAsync_HeldByAnother_ThrowsNamingHolderAndSince()
    {
        var since = test.Time.GetUtcNow();
        await using var first = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("alice@host1 (pid 1)"), Ttl, Token);
        test.Time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<DeploymentLockedException>(() =>
            DeploymentLease.AcquireAsync(test.Store, "acme", Holder("bob@host2 (pid 2)"), Ttl, Token));

        Assert.Equal("alice@host1 (pid 1)", error.Holder);
        Assert.Equal("acme", error.Deployment);
        Assert.Equal(since, error.Since);
        Assert.Contains("alice@host1 (pid 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_OtherDeployment_IsNotBlocked()
    {
        await using var first = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("alice"), Ttl, Token);

        await using var second = await DeploymentLease.AcquireAsync(test.Store, "globex", Holder("bob"), Ttl, Token);

        Assert.Equal("globex", second.Deployment);
    }

    [Fact]
    public async Task AcquireAsync_AfterRelease_LetsTheNextHolderIn()
    {
        var first = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("alice"), Ttl, Token);
        await first.DisposeAsync();

        await using var second = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("bob"), Ttl, Token);

        Assert.Equal("bob", second.Holder);
    }

    [Fact]
    public async Task AcquireAsync_LeaseOfADeadHolderExpired_IsTakenOver()
    {
        // The dead holder's process has its own clock that never moves again, so its heartbeat never renews.
        var deadClock = new FakeTimeProvider(test.Time.GetUtcNow());
        var deadStore = await test.OpenAgainAsync(deadClock, Token);
        await using var dead = await DeploymentLease.AcquireAsync(deadStore, "acme", Holder("alice"), Ttl, Token);
        test.Time.Advance(Ttl + TimeSpan.FromSeconds(1));

        await using var taken = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("bob"), Ttl, Token);

        Assert.Equal("bob", taken.Holder);
    }

    [Fact]
    public async Task AcquireAsync_LeaseNotYetExpired_IsNotTakenOver()
    {
        var deadStore = await test.OpenAgainAsync(new FakeTimeProvider(test.Time.GetUtcNow()), Token);
        await using var dead = await DeploymentLease.AcquireAsync(deadStore, "acme", Holder("alice"), Ttl, Token);
        test.Time.Advance(Ttl - TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<DeploymentLockedException>(() =>
            DeploymentLease.AcquireAsync(test.Store, "acme", Holder("bob"), Ttl, Token));
    }

    [Fact]
    public async Task Lost_LeaseTakenOverWhileHeld_IsCancelledAtTheNextHeartbeat()
    {
        var aliceClock = new FakeTimeProvider(test.Time.GetUtcNow());
        var aliceStore = await test.OpenAgainAsync(aliceClock, Token);
        await using var alice = await DeploymentLease.AcquireAsync(aliceStore, "acme", Holder("alice"), Ttl, Token);
        test.Time.Advance(Ttl + TimeSpan.FromSeconds(1));
        await using var bob = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("bob"), Ttl, Token);
        var lost = new TaskCompletionSource();
        using var registration = alice.Lost.Register(() => lost.TrySetResult());

        aliceClock.Advance(Ttl / 3);

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.True(alice.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task DisposeAsync_AfterLosingTheLease_LeavesTheNewHoldersLeaseInPlace()
    {
        var aliceStore = await test.OpenAgainAsync(new FakeTimeProvider(test.Time.GetUtcNow()), Token);
        var alice = await DeploymentLease.AcquireAsync(aliceStore, "acme", Holder("alice"), Ttl, Token);
        test.Time.Advance(Ttl + TimeSpan.FromSeconds(1));
        await using var bob = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("bob"), Ttl, Token);

        await alice.DisposeAsync();

        var error = await Assert.ThrowsAsync<DeploymentLockedException>(() =>
            DeploymentLease.AcquireAsync(test.Store, "acme", Holder("carol"), Ttl, Token));
        Assert.Equal("bob", error.Holder);
    }

    [Fact]
    public async Task AcquireAsync_HeldByADeadProcessOfThisMachine_IsTakenOverAtOnce()
    {
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync(Token);
        var deadHolder = new LeaseHolder("alice@here (pid gone)", Environment.MachineName, gone.Id);
        var deadStore = await test.OpenAgainAsync(new FakeTimeProvider(test.Time.GetUtcNow()), Token);
        _ = await DeploymentLease.AcquireAsync(deadStore, "acme", deadHolder, Ttl, Token);

        await using var taken = await DeploymentLease.AcquireAsync(test.Store, "acme", Holder("bob"), Ttl, Token);

        Assert.Equal("bob", taken.Holder);
    }

    /// <summary>A holder on another machine, judged by its lease's expiry alone.</summary>
    private static LeaseHolder Holder(string name) => new(name, "another-machine", 1);
}
