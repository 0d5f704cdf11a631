using Fediversity.Orchestrator.State;
using Fediversity.Resources;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.State;

/// <summary>What the state store promises on every database; each database runs these in a class of its own.</summary>
public abstract class StateStoreTests : IAsyncLifetime
{
    protected const string Deployment = "acme";

    // Unique per test run, so that a match in the stored bytes can only come from this test.
    protected string Clear { get; } = "clear-secret-" + Guid.NewGuid().ToString("N");

    private TestStore? test;

    private protected TestStore Test => test!;

    protected abstract StoreKind Kind { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => test = await TestStore.OpenAsync(Kind, GetType(), Token);

    public async ValueTask DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected ResourceRecord SecretRecord(string address = "acme/key") => Recorded(
        address, "s3-key",
        ValueMaps.Of(("name", ResourceValue.Of("acme-media")), ("chosen", ResourceValue.Of(new Secret(Clear + "-in")))),
        ValueMaps.Of(
            ("accessKeyId", ResourceValue.Of("GK123")),
            ("secretAccessKey", ResourceValue.Of(new Secret(Clear))),
            ("env", ResourceValue.ListOf(ResourceValue.Of(new Secret(Clear + "-nested"))))));

    protected async Task StoreSecretsAsync()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        foreach (var address in new[] { "acme/key", "acme/key2" })
        {
            await Test.Store.BeginStepAsync(runId, Deployment, Address(address), "create", "acme-media", Token);
            await Test.Store.CompleteStepAsync(Deployment, Address(address), SecretRecord(address), Token);
        }

        await Test.Store.EndRunAsync(runId, "succeeded", "{}", "active", Token);
    }

    [Fact]
    public async Task LoadAsync_StoredSecrets_RoundTrip()
    {
        await StoreSecretsAsync();

        var state = await Test.Store.LoadAsync(Deployment, Token);

        var record = state.Resources[Address("acme/key")];
        Assert.Equal(SecretRecord().Outputs, record.Outputs);
        Assert.Equal(SecretRecord().Inputs, record.Inputs);
        Assert.Equal(Clear, Assert.IsType<SecretValue>(record.Outputs["secretAccessKey"]).Secret.Reveal());
    }

    [Fact]
    public async Task LoadAsync_SecondStoreOverTheSameDatabase_ReadsTheSecretsWithTheSameKey()
    {
        await StoreSecretsAsync();

        var again = await Test.OpenAgainAsync(TimeProvider.System, Token);

        var record = (await again.LoadAsync(Deployment, Token)).Resources[Address("acme/key")];
        Assert.Equal(Clear, Assert.IsType<SecretValue>(record.Outputs["secretAccessKey"]).Secret.Reveal());
    }

    [Fact]
    public async Task OpenAsync_AnotherKeyFile_IsRefusedNamingTheKeyFile()
    {
        await StoreSecretsAsync();
        using var elsewhere = new TempDirectory();
        var other = SecretProtector.FromKeyFile(elsewhere.File("state.key"));
        File.Copy(elsewhere.File("state.key"), Test.KeyFile, overwrite: true);

        var error = await Assert.ThrowsAsync<StateStoreException>(
            () => Test.OpenAgainAsync(TimeProvider.System, Token));

        Assert.NotNull(other);
        Assert.Contains(Test.KeyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not the key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_KeyFileMissing_IsRefusedAndNoNewKeyIsMade()
    {
        await StoreSecretsAsync();
        File.Delete(Test.KeyFile);

        var error = await Assert.ThrowsAsync<StateStoreException>(
            () => Test.OpenAgainAsync(TimeProvider.System, Token));

        Assert.Contains(Test.KeyFile, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Test.KeyFile));
    }

    [Fact]
    public async Task OpenAsync_StoreMadeBeforeMigrations_IsRefusedWithWhatToDo()
    {
        await using (var legacy = await LegacyContextAsync())
        {
            await legacy.Database.EnsureCreatedAsync(Token);
        }

        var error = await Assert.ThrowsAsync<StateStoreException>(
            () => Test.OpenAgainAsync(TimeProvider.System, Token));

        Assert.Contains("early build of Fediversity", error.Message, StringComparison.Ordinal);
        Assert.Contains("Move it aside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SeveralProcessesAtOnce_AllOpenTheSameStore()
    {
        await StoreSecretsAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => Test.OpenAgainAsync(TimeProvider.System, Token), Token)));

        foreach (var store in stores)
        {
            var record = (await store.LoadAsync(Deployment, Token)).Resources[Address("acme/key2")];
            Assert.Equal(Clear, Assert.IsType<SecretValue>(record.Outputs["secretAccessKey"]).Secret.Reveal());
        }
    }

    [Fact]
    public async Task LoadAsync_IntentWithoutOutcome_ReportsTheAddressAsInterrupted()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        await Test.Store.BeginStepAsync(runId, Deployment, Address("acme/vm"), "create", "acme-vm", Token);
        await Test.Store.BeginStepAsync(runId, Deployment, Address("acme/ok"), "create", "acme-ok", Token);
        await Test.Store.CompleteStepAsync(
            Deployment, Address("acme/ok"), Recorded("acme/ok", "k", ValueMaps.Empty), Token);

        var state = await Test.Store.LoadAsync(Deployment, Token);

        Assert.Equal([Address("acme/vm")], state.Interrupted);
        Assert.Equal([Address("acme/ok")], state.Resources.Keys);
    }

    [Fact]
    public async Task CompleteStepAsync_NullRecord_RemovesTheResource()
    {
        await StoreSecretsAsync();

        await Test.Store.CompleteStepAsync(Deployment, Address("acme/key"), null, Token);

        Assert.Equal([Address("acme/key2")], (await Test.Store.LoadAsync(Deployment, Token)).Resources.Keys);
    }

    [Fact]
    public async Task LoadAsync_OtherDeployment_SeesNoneOfTheseResources()
    {
        await StoreSecretsAsync();

        Assert.Empty((await Test.Store.LoadAsync("other", Token)).Resources);
    }

    [Fact]
    public async Task LoadAsync_NameDifferingOnlyInCase_IsAnotherDeployment()
    {
        await StoreSecretsAsync();

        Assert.Empty((await Test.Store.LoadAsync("ACME", Token)).Resources);
    }

    [Fact]
    public async Task ListDeploymentsAsync_ListsInOrdinalOrderOnEveryDatabase()
    {
        foreach (var name in new[] { "b-op", "B-op", "a-op", "Z-op", "a_op" })
        {
            await Test.Store.BeginRunAsync(name, "apply", "tests", "sandbox", Token);
        }

        var listed = (await Test.Store.ListDeploymentsAsync(Token)).Select(d => d.Id).ToList();

        Assert.Equal(["B-op", "Z-op", "a-op", "a_op", "b-op"], listed);
    }

    [Fact]
    public async Task EndRunAsync_Destroyed_RemovesTheDeploymentAndKeepsTheRun()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "destroy", "tests", "sandbox", Token);
        Assert.Equal("deploying", Assert.Single(await Test.Store.ListDeploymentsAsync(Token)).Status);

        await Test.Store.EndRunAsync(runId, "succeeded", "{}", "destroyed", Token);

        Assert.Empty(await Test.Store.ListDeploymentsAsync(Token));
        Assert.Equal("succeeded", (await Test.Store.LastRunAsync(Deployment, Token))?.Outcome);
    }

    [Fact]
    public async Task EndRunAsync_Retained_FlagsExactlyThoseAndLaterClearsThem()
    {
        await StoreSecretsAsync();

        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        await Test.Store.EndRunAsync(
            runId, "succeeded", "{}", "active", new HashSet<ResourceAddress> { Address("acme/key2") }, Token);
        var first = (await Test.Store.LoadAsync(Deployment, Token)).Resources.Values
            .Select(r => (r.Address.Value, r.Retained));

        runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        await Test.Store.EndRunAsync(runId, "succeeded", "{}", "active", new HashSet<ResourceAddress>(), Token);
        var second = (await Test.Store.LoadAsync(Deployment, Token)).Resources.Values
            .Select(r => (r.Address.Value, r.Retained));

        Assert.Equal([("acme/key", false), ("acme/key2", true)], first);
        Assert.Equal([("acme/key", false), ("acme/key2", false)], second);
    }

    [Fact]
    public async Task WritesAtOnce_OneFails_TheOthersAreStillRecorded()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        var addresses = Enumerable.Range(0, 30).Select(i => $"acme/r{i:D2}").ToList();

        var writes = addresses
            .Select(a => Test.Store.CompleteStepAsync(Deployment, Address(a), Recorded(a, "k", ValueMaps.Empty), Token))
            .Append(Test.Store.EndRunAsync("no-such-run", "succeeded", "{}", "active", Token))
            .ToList();
        var failure = await Record.ExceptionAsync(() => Task.WhenAll(writes));

        Assert.IsType<InvalidOperationException>(failure);
        Assert.Equal(1, writes.Count(w => w.IsFaulted));
        var state = await Test.Store.LoadAsync(Deployment, Token);
        Assert.Equal(addresses, state.Resources.Keys.Select(k => k.Value));
        Assert.Null((await Test.Store.LastRunAsync(Deployment, Token))?.EndedAtMs);
        Assert.Equal(runId, (await Test.Store.LastRunAsync(Deployment, Token))?.Id);
    }

    [Fact]
    public async Task CommandsSentTogether_OneFails_TheOthersAreStillRecorded()
    {
        await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        var addresses = Enumerable.Range(0, 30).Select(i => $"acme/r{i:D2}").ToList();

        var writes = await StartedTogetherAsync(() =>
        {
            var started = addresses.Select(Complete).ToList();
            started.Insert(15, Test.Store.WriteAsync(
                new StoreCommand().Statement("""UPDATE no_such_table SET "Gone" = 1"""), Token));
            return started;
        });
        var failure = await Record.ExceptionAsync(() => Task.WhenAll(writes));

        Assert.NotNull(failure);
        Assert.Equal([15], writes.Select((w, i) => (w, i)).Where(x => x.w.IsFaulted).Select(x => x.i));
        var state = await Test.Store.LoadAsync(Deployment, Token);
        Assert.Equal(addresses, state.Resources.Keys.Select(k => k.Value));
    }

    [Fact]
    public async Task WritesSentTogether_OneFails_TheOthersAreRecordedInAFewTransactionsNotOneEach()
    {
        await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        var addresses = Enumerable.Range(0, 100).Select(i => $"acme/r{i:D3}").ToList();
        using var counter = new Fediversity.Bench.Harness.StoreWriteCounter(CounterScope);

        var writes = await StartedTogetherAsync(() =>
        {
            var started = addresses.Select(Complete).ToList();
            started.Insert(37, Test.Store.WriteAsync(
                new StoreCommand().Statement("""UPDATE no_such_table SET "Gone" = 1"""), Token));
            return started;
        });
        await Assert.ThrowsAnyAsync<Exception>(() => Task.WhenAll(writes));

        Assert.Equal([37], writes.Select((w, i) => (w, i)).Where(x => x.w.IsFaulted).Select(x => x.i));
        Assert.Equal(addresses, (await Test.Store.LoadAsync(Deployment, Token)).Resources.Keys.Select(k => k.Value));

        // Tried again write by write, the 100 would take 100 commands more.
        Assert.InRange(counter.Counts.Commands, 1, 40);
    }

    [Fact]
    public async Task CompleteStepAsync_ManyAddressesAtOnce_RecordsEveryOne()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        var addresses = Enumerable.Range(0, 40).Select(i => $"acme/r{i:D2}").ToList();

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Token };
        await Parallel.ForEachAsync(addresses, parallel, async (address, token) =>
        {
            await Test.Store.BeginStepAsync(runId, Deployment, Address(address), "create", address, token);
            await Test.Store.CompleteStepAsync(
                Deployment, Address(address), Recorded(address, "k", ValueMaps.Empty), token);
        });

        var state = await Test.Store.LoadAsync(Deployment, Token);
        Assert.Equal(addresses, state.Resources.Keys.Select(a => a.Value));
        Assert.Empty(state.Interrupted);
    }

    [Fact]
    public async Task CompleteStepAsync_RecordChanged_KeepsWhenItWasMadeAndClosesItsIntent()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        await Test.Store.CompleteStepAsync(Deployment, Address("acme/vm"), Vm(cores: 2), Token);
        var made = Test.Time.GetUtcNow().ToUnixTimeMilliseconds();
        Test.Time.Advance(TimeSpan.FromMinutes(5));

        await Test.Store.BeginStepAsync(runId, Deployment, Address("acme/vm"), "update", "acme-vm", Token);
        await Test.Store.CompleteStepAsync(Deployment, Address("acme/vm"), Vm(cores: 4), Token);

        await using var db = Test.Store.Context();
        var row = await db.Resources.AsNoTracking().SingleAsync(Token);
        Assert.Equal((made, made + 300_000), (row.CreatedAtMs, row.UpdatedAtMs));
        var state = await Test.Store.LoadAsync(Deployment, Token);
        Assert.Equal(4, Assert.IsType<NumberValue>(state.Resources[Address("acme/vm")].Inputs["cores"]).Number);
        var intent = Assert.Single(await Test.Store.JournalAsync(Deployment, Token));
        Assert.Equal(("done", made + 300_000), (intent.Outcome, intent.EndedAtMs));
        Assert.Empty(state.Interrupted);
    }

    [Fact]
    public async Task CompleteStepAsync_Accounting_SameSizeKeepsItsPeriodResizeAndRemovalEndIt()
    {
        var records = new OperatorRecords(Test.Store);
        var address = Address("acme/vm");
        await Test.Store.CompleteStepAsync(Deployment, address, Vm(cores: 2), Token);
        Test.Time.Advance(TimeSpan.FromHours(1));
        await Test.Store.CompleteStepAsync(Deployment, address, Vm(cores: 2), Token);
        var unchanged = await records.AccountingAsync(Deployment, Token);

        Test.Time.Advance(TimeSpan.FromHours(1));
        await Test.Store.CompleteStepAsync(Deployment, address, Vm(cores: 4), Token);
        var resized = await records.AccountingAsync(Deployment, Token);

        Test.Time.Advance(TimeSpan.FromHours(1));
        await Test.Store.CompleteStepAsync(Deployment, address, null, Token);
        var removed = await records.AccountingAsync(Deployment, Token);

        var open = Assert.Single(unchanged);
        Assert.Null(open.EndedAtMs);
        Assert.Equal("""{"cores":2,"diskGiB":20,"memoryMiB":2048}""", open.UsageJson);
        Assert.Equal(2, resized.Count);
        Assert.Equal(open.StartedAtMs + 7_200_000, resized[0].EndedAtMs);
        Assert.Equal(("""{"cores":4,"diskGiB":20,"memoryMiB":2048}""", (long?)null),
            (resized[1].UsageJson, resized[1].EndedAtMs));
        Assert.All(removed, p => Assert.NotNull(p.EndedAtMs));
        Assert.Equal(open.StartedAtMs + 10_800_000, removed[1].EndedAtMs);
    }

    [Fact]
    public async Task CompleteStepAsync_KeyOrPasswordStep_AddsItsJournalEntryAsDoneAndClearsOnlyItsDrift()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        await Test.Store.ReplaceDriftAsync(Deployment,
        [
            new Fediversity.Orchestrator.Refresh.Drift("acme/key", "ssh-key", Gone: true, []),
            new Fediversity.Orchestrator.Refresh.Drift("acme/other", "ssh-key", Gone: true, []),
        ], Token);

        await Test.Store.CompleteStepAsync(Deployment, Address("acme/key"), Recorded("acme/key", "ssh-key",
            ValueMaps.Empty), new StepJournal(runId, "create", Handle: null), Token);

        var entry = Assert.Single(await Test.Store.JournalAsync(Deployment, Token));
        Assert.Equal((runId, "acme/key", "create", (string?)null, "done"),
            (entry.RunId, entry.Address, entry.Operation, entry.Handle, entry.Outcome));
        Assert.Equal(entry.StartedAtMs, entry.EndedAtMs);
        Assert.Equal(["acme/other"], (await Test.Store.DriftAsync(Deployment, Token)).Select(d => d.Address));
        Assert.Empty(await new OperatorRecords(Test.Store).AccountingAsync(Deployment, Token));
    }

    /// <summary>Values that would break a statement built by pasting them in, or the renumbering of placeholders
    /// when statements are merged.</summary>
    public static TheoryData<string> AwkwardValues => new()
    {
        "{0}", "{{", "}}{1}", "'; DROP TABLE resources; --", "\"quoted\"", "back\\slash", "ünï 😀", "semi;colon",
        "", "@p0", "$1",
    };

    [Theory]
    [MemberData(nameof(AwkwardValues))]
    public async Task Writes_ValuesLikeSqlOrPlaceholders_AreStoredExactlyAsGiven(string value)
    {
        var deployment = "acme" + value;
        var address = "acme/" + value;
        var runId = await Test.Store.BeginRunAsync(deployment, "apply", value, value, Token);
        await Test.Store.BeginStepAsync(runId, deployment, Address(address), "create", value, Token);
        var record = Recorded(address, "k" + value, ValueMaps.Of(("in", ResourceValue.Of(value))),
            ValueMaps.Of(("out", ResourceValue.Of(value))), "acme/" + value + "/dependency");
        await Test.Store.CompleteStepAsync(
            deployment, Address(address), record, new StepJournal(runId, "create", value), Token);
        await Test.Store.EndRunAsync(runId, "succeeded", $$"""{"note":"{{value}}"}""", "active",
            new HashSet<ResourceAddress> { Address(address), Address("acme/'" + value) }, Token);

        var stored = Assert.Single((await Test.Store.LoadAsync(deployment, Token)).Resources.Values);
        Assert.Equal((address, "k" + value, true), (stored.Address.Value, stored.Kind, stored.Retained));
        Assert.Equal(new TextValue(value), stored.Inputs["in"]);
        Assert.Equal(new TextValue(value), stored.Outputs["out"]);
        Assert.Equal(["acme/" + value + "/dependency"], stored.Dependencies.Select(d => d.Value));
        var journal = await Test.Store.JournalAsync(deployment, Token);
        Assert.Equal([("done", value), ("done", value)], journal.Select(j => (j.Outcome, j.Handle)));
        var run = await Test.Store.LastRunAsync(deployment, Token);
        Assert.Equal($$"""{"note":"{{value}}"}""", run?.SummaryJson);
        Assert.Equal(("active", value), (await Test.Store.ListDeploymentsAsync(Token))
            .Where(d => d.Id == deployment).Select(d => (d.Status, d.Environment)).Single());
    }

    [Fact]
    public async Task WritesAtOnce_HundredsWithFailuresAndCancelledTokens_EachRecordedOnceOrNotAtAll()
    {
        var runId = await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var indexes = Enumerable.Range(0, 300).ToList();
        bool IsCancelled(int i) => i % 7 == 0;
        bool IsFailed(int i) => !IsCancelled(i) && i % 5 == 0;

        // They go in batches of the most a transaction takes.
        var writes = new List<Task>();
        var cancelledWrites = new List<Task>();
        await StartedTogetherAsync(() =>
        {
            foreach (var i in indexes)
            {
                var address = Address($"acme/r{i:D3}");
                writes.Add(Test.Store.BeginStepAsync(runId, Deployment, address, "create", "{0}", Token));
                var record = Recorded(address.Value, "vm", ValueMaps.Of(("cores", ResourceValue.Of(i))));
                if (IsCancelled(i))
                {
                    cancelledWrites.Add(Test.Store.CompleteStepAsync(Deployment, address, record, cancelled.Token));
                }
                else
                {
                    writes.Add(IsFailed(i)
                        ? Test.Store.FailStepAsync(Deployment, address, "failed {0}", Token)
                        : Test.Store.CompleteStepAsync(Deployment, address, record, Token));
                }
            }

            return writes;
        });
        await Task.WhenAll(writes);
        foreach (var write in cancelledWrites)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        }

        var completed = indexes.Where(i => !IsCancelled(i) && !IsFailed(i)).Select(i => $"acme/r{i:D3}").ToList();
        Assert.Equal(completed, (await Test.Store.LoadAsync(Deployment, Token)).Resources.Keys.Select(k => k.Value));
        var journal = await Test.Store.JournalAsync(Deployment, Token);
        Assert.Equal(
            indexes.Select(i => $"acme/r{i:D3}"), journal.Select(j => j.Address).Order(StringComparer.Ordinal));
        Assert.Equal(
            indexes.Select(i => IsCancelled(i) ? null : IsFailed(i) ? "failed" : "done"),
            journal.OrderBy(j => j.Address, StringComparer.Ordinal).Select(j => j.Outcome));
        var billed = await new OperatorRecords(Test.Store).AccountingAsync(Deployment, Token);
        Assert.Equal(completed, billed.Select(p => p.Address));
    }

    [Fact]
    public async Task WritesAtOnce_OneAlreadyCancelled_TheOthersStillGoTogether()
    {
        await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        var addresses = Enumerable.Range(0, 30).Select(i => $"acme/r{i:D2}").ToList();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var counter = new Fediversity.Bench.Harness.StoreWriteCounter(CounterScope);

        Task? given = null;
        var writes = await StartedTogetherAsync(() =>
        {
            var started = addresses.Select(Complete).ToList();
            given = Test.Store.CompleteStepAsync(
                Deployment, Address("acme/given-up"), Recorded("acme/given-up", "k", ValueMaps.Empty), cancelled.Token);
            started.AddRange(addresses.Select(a => Test.Store.CompleteStepAsync(
                Deployment, Address(a + "b"), Recorded(a + "b", "k", ValueMaps.Empty), Token)));
            return started;
        });
        await Task.WhenAll(writes);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => given!);
        Assert.Equal(Kind == StoreKind.Sqlite ? 4 : 1, counter.Counts.Commands);
        var state = await Test.Store.LoadAsync(Deployment, Token);
        Assert.Equal(60, state.Resources.Count);
        Assert.DoesNotContain(Address("acme/given-up"), state.Resources.Keys);
    }

    [Fact]
    public async Task WritesAtOnce_StepResultsWaitingTogether_GoInAsFewCommandsAsTheDatabaseHandlesWell()
    {
        await Test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        var addresses = Enumerable.Range(0, 100).Select(i => $"acme/r{i:D3}").ToList();
        using var counter = new Fediversity.Bench.Harness.StoreWriteCounter(CounterScope);

        var writes = await StartedTogetherAsync(() => addresses.Select(Complete).ToList());
        await Task.WhenAll(writes);

        // SQLite's cost of one command grows faster than its statements, PostgreSQL's does not and each command
        // is a round trip there.
        Assert.Equal(Kind == StoreKind.Sqlite ? 7 : 1, counter.Counts.Commands);
        Assert.Equal(addresses, (await Test.Store.LoadAsync(Deployment, Token)).Resources.Keys.Select(k => k.Value));
    }

    [Fact]
    public async Task CompleteStepAsync_Accounting_RemovalRecreationAndKindChangeEachStartAPeriod()
    {
        var address = Address("acme/x");
        (string Kind, int Cores)?[] steps =
        [
            ("vm", 2), null, ("vm", 2), ("vm", 2), ("dns-zone", 0), ("s3-bucket", 0), ("unbilled", 0), ("vm", 3),
            ("vm", 3),
        ];
        foreach (var step in steps)
        {
            Test.Time.Advance(TimeSpan.FromMinutes(1));
            var record = step is { } s
                ? Recorded(address.Value, s.Kind, ValueMaps.Of(("cores", ResourceValue.Of(s.Cores))))
                : null;
            await Test.Store.CompleteStepAsync(Deployment, address, record, Token);
        }

        var periods = await new OperatorRecords(Test.Store).AccountingAsync(Deployment, Token);
        Assert.Equal(["vm", "vm", "dns-zone", "s3-bucket", "vm"], periods.Select(p => p.Kind));
        Assert.Equal([1, 2, 1, 1], periods.SkipLast(1).Select(p => (p.EndedAtMs - p.StartedAtMs) / 60_000));
        Assert.Equal(("""{"cores":3}""", (long?)null), (periods[^1].UsageJson, periods[^1].EndedAtMs));
    }

    /// <summary>What names this test's database, for counting only its commands.</summary>
    private string CounterScope => Kind == StoreKind.Sqlite
        ? Test.Directory
        : new Npgsql.NpgsqlConnectionStringBuilder(Test.Database).Database!;

    /// <summary>
    /// Starts writes while a write held open keeps the store busy, so that they wait together and are then sent
    /// together, as the writes of steps that end at the same moment are.
    /// </summary>
    private async Task<T> StartedTogetherAsync<T>(Func<T> start)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = Test.Store.WriteAsync(_ => release.Task, Token);
        var started = start();
        release.SetResult();
        await holding;
        return started;
    }

    /// <summary>Records a resource of kind <c>k</c> at <paramref name="address"/> with no inputs.</summary>
    private Task Complete(string address) =>
        Test.Store.CompleteStepAsync(Deployment, Address(address), Recorded(address, "k", ValueMaps.Empty), Token);

    private static ResourceRecord Vm(int cores) => Recorded("acme/vm", "vm", ValueMaps.Of(
        ("name", ResourceValue.Of("acme-vm")), ("cores", ResourceValue.Of(cores)),
        ("memoryMiB", ResourceValue.Of(2048)), ("diskGiB", ResourceValue.Of(20))));

    /// <summary>A context over the store's emptied database, for making its schema as early builds did.</summary>
    private async Task<StateDbContext> LegacyContextAsync()
    {
        if (Kind == StoreKind.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Test.Directory, "fedi.db*"))
            {
                File.Delete(file);
            }

            File.Delete(Test.KeyFile);
            var path = Path.Combine(Test.Directory, "fedi.db");
            return new SqliteStateDbContext(StateStore.SqliteOptions($"Data Source={path}"));
        }

        await TestStore.EmptyAsync(Test.Database!, Token);
        return new PostgresStateDbContext(StateStore.PostgresOptions(Test.Database!));
    }
}
