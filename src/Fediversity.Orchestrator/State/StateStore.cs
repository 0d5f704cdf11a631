using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Fediversity.Orchestrator.Permits;
using Fediversity.Resources;
using Fediversity.Resources.Permits;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// The recorded state of every deployment, the journal of provider calls, runs and leases, kept through
/// EF Core on SQLite (one file) or PostgreSQL (shared by several processes). Every write is a short
/// transaction (with SQLite shared with the writes of this process waiting at the same moment) acknowledged
/// only once committed, so that a killed process loses at most the steps that were in flight.
/// </summary>
public sealed class StateStore
{
    /// <summary>The advisory lock PostgreSQL stores are initialised under ("Fedi", 1).</summary>

    /// <summary>Deployments read by one query of <see cref="LoadManyAsync"/>: the queries' cost is shared by many,
    /// their stored text (about 50 kB a deployment) stays small, and so do the statements' parameters.</summary>
    private const int LoadBatch = 100;

    private readonly Func<StateDbContext> contexts;

    /// <summary>Commits the writes of this process that wait at the same moment together.</summary>
    private readonly WriteBatcher batcher;

    private StateStore(
        Func<StateDbContext> contexts, SecretProtector protector, TimeProvider time, string description,
        WriteBatcher batcher, IPermitSource permits)
    {
        this.contexts = contexts;
        Permits = permits;
        Protector = protector;
        Time = time;
        Description = description;
        this.batcher = batcher;
    }

    public SecretProtector Protector { get; }

    /// <summary>
    /// Permits shared by every process using this store: advisory locks in the PostgreSQL database, or lock
    /// files in the SQLite store's folder (every process on this machine). Providers take their cluster-wide
    /// limits, such as clones per node, from here.
    /// </summary>
    public IPermitSource Permits { get; }

    public TimeProvider Time { get; }

    /// <summary>Which store this is, for messages: a path, or a PostgreSQL host and database; no password.</summary>
    public string Description { get; }

    /// <summary>
    /// Opens the SQLite store in <paramref name="directory"/> (<c>fedi.db</c>, its key in <c>state.key</c>),
    /// making it when needed and applying this build's migrations.
    /// </summary>
    /// <exception cref="StateStoreException">The store was made by another build, or its key is missing or
    /// another.</exception>
    public static Task<StateStore> OpenSqliteAsync(
        string directory, TimeProvider time, CancellationToken cancellationToken) =>
        OpenSqliteAsync(directory, Path.Combine(directory, "state.key"), time, cancellationToken);

    /// <summary>
    /// Opens the SQLite store in <paramref name="directory"/> with its key in <paramref name="keyFile"/>, making
    /// them when needed and applying this build's migrations.
    /// </summary>
    /// <exception cref="StateStoreException">The store was made by another build, or its key is missing or
    /// another.</exception>
    public static async Task<StateStore> OpenSqliteAsync(
        string directory, string keyFile, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "fedi.db");
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = database,
            DefaultTimeout = 60,
            Pooling = true,
        }.ToString();
        var busyTimeout = TimeSpan.FromSeconds(60);
        var options = SqliteOptions(connection, busyTimeout);
        var description = $"the state store {database}";

        await using var initLock = await FileLock.AcquireAsync(database + ".init", cancellationToken);
        await using var db = new SqliteStateDbContext(options);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await Schema(description).MigrateAsync(db, cancellationToken);
        var protector = await StoreKey.OpenAsync(db, keyFile, description, cancellationToken);
        return new StateStore(() => new SqliteStateDbContext(options), protector, time, description,
            WriteBatcher.ForSqlite(connection, busyTimeout), new FilePermits(directory));
    }

    /// <summary>
    /// Opens the store in a PostgreSQL database that several processes, on several machines, may share:
    /// creates the database when it is missing and the user may, and applies this build's migrations under an
    /// advisory lock so that processes starting together migrate once.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string, for example
    /// <c>Host=db.internal;Database=fediversity;Username=fedi;Password=...</c>.</param>
    /// <param name="keyFile">The file holding the key that encrypts the stored secrets. It is made when the
    /// database has no secrets yet; every process sharing the database needs a copy of the same file. The key
    /// itself is never written to the database.</param>
    /// <param name="time">The clock of leases and records.</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    /// <exception cref="StateStoreException">The connection string is invalid, the database cannot be reached or
    /// was made by another build, or the key file is missing or another.</exception>
    public static async Task<StateStore> OpenPostgresAsync(
        string connectionString, string keyFile, TimeProvider time, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StateStoreException(
                $"The PostgreSQL connection string is not valid ({e.Message}); write it as " +
                "'Host=HOST;Port=5432;Database=NAME;Username=USER;Password=...'.", e);
        }

        builder.ApplicationName ??= "fediversity";
        var description = $"the PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        var options = PostgresOptions(builder.ConnectionString);

        await using var db = new PostgresStateDbContext(options);
        return await Schema(description).OpenPostgresAsync(db, MigratedDatabase.Schemas.State, async () =>
        {
            var protector = await StoreKey.OpenAsync(db, keyFile, description, cancellationToken);
            return new StateStore(
                () => new PostgresStateDbContext(options), protector, time, description,
                WriteBatcher.ForPostgres(builder.ConnectionString),
                new PostgresPermits(builder.ConnectionString));
        }, cancellationToken);
    }

    /// <summary>How the store's tables are checked and migrated, and what is said when they cannot be.</summary>
    private static MigratedDatabase Schema(string description) => new(
        description,
        FirstTable: "deployments",
        Unversioned: $"{description} was made by an early build of Fediversity that kept no schema version, so " +
            "it cannot be upgraded. Move it aside and start with an empty store; the resources it recorded are " +
            "then unknown to Fediversity and must be removed by hand.",
        Newer: migration => $"{description} was upgraded by a newer build of Fediversity (schema {migration}); " +
            "this build cannot use it. Run the newer build.",
        Error: (message, cause) =>
            cause is null ? new StateStoreException(message) : new StateStoreException(message, cause));

    internal static DbContextOptions<SqliteStateDbContext> SqliteOptions(
        string connectionString, TimeSpan busyTimeout = default)
    {
        var builder = new DbContextOptionsBuilder<SqliteStateDbContext>().UseSqlite(connectionString);
        return busyTimeout > TimeSpan.Zero
            ? builder.AddInterceptors(new SqliteBusyTimeout(busyTimeout)).Options
            : builder.Options;
    }

    internal static DbContextOptions<PostgresStateDbContext> PostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgresStateDbContext>().UseNpgsql(connectionString).Options;

    internal StateDbContext Context() => contexts();

    /// <summary>
    /// Runs one write in a transaction, together with the writes of this process waiting at the same moment.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<StateDbContext, Task<T>> write, CancellationToken cancellationToken) =>
        batcher.WriteAsync(write, cancellationToken);

    /// <summary>
    /// Runs one command in a transaction, sent as one with the commands of the writes of this process waiting at
    /// the same moment.
    /// </summary>
    internal Task WriteAsync(StoreCommand command, CancellationToken cancellationToken) =>
        batcher.WriteAsync(command, cancellationToken);

    internal Task WriteAsync(Func<StateDbContext, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(async db =>
        {
            await write(db);
            return true;
        }, cancellationToken);

    private long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>What the store recorded for one deployment; an unknown deployment has no resources.</summary>
    public async Task<DeploymentState> LoadAsync(string deployment, CancellationToken cancellationToken)
    {
        await foreach (var state in LoadManyAsync([deployment], cancellationToken))
        {
            return state;
        }

        throw new InvalidOperationException($"The state of '{deployment}' was not read.");
    }

    /// <summary>
    /// What the store recorded for each of <paramref name="deployments"/>, in the order given, read with three
    /// queries for every <see cref="LoadBatch"/> deployments instead of three for each, over one connection. Each
    /// state is made from its rows only when it is reached, so that a fleet-wide plan that plans each state and
    /// drops it holds one parsed deployment at a time, beside the stored text of one batch.
    /// </summary>
    /// <returns>Every asked deployment once, an unknown one with no resources.</returns>
    public async IAsyncEnumerable<DeploymentState> LoadManyAsync(
        IEnumerable<string> deployments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = deployments.Distinct(StringComparer.Ordinal).ToList();

        await using var db = Context();
        await db.Database.OpenConnectionAsync(cancellationToken);
        foreach (var batch in wanted.Chunk(LoadBatch))
        {
            var rows = await db.Resources.AsNoTracking()
                .Where(r => batch.Contains(r.Deployment))
                .ToListAsync(cancellationToken);
            var interrupted = await db.Journal.AsNoTracking()
                .Where(j => batch.Contains(j.Deployment) && j.EndedAtMs == null)
                .Select(j => new { j.Deployment, j.Address })
                .ToListAsync(cancellationToken);
            var drifted = await db.Drift.AsNoTracking()
                .Where(d => batch.Contains(d.Deployment))
                .Select(d => new { d.Deployment, d.Address, d.Gone })
                .ToListAsync(cancellationToken);

            var rowsOf = rows.ToLookup(r => r.Deployment, StringComparer.Ordinal);
            var interruptedOf = interrupted.ToLookup(j => j.Deployment, j => new ResourceAddress(j.Address),
                StringComparer.Ordinal);
            var driftedOf = drifted.ToLookup(d => d.Deployment, StringComparer.Ordinal);
            foreach (var deployment in batch)
            {
                var resources = rowsOf[deployment]
                    .Select(ToRecord)
                    .ToImmutableSortedDictionary(r => r.Address, r => r);
                yield return new DeploymentState(deployment, resources, [.. interruptedOf[deployment]])
                {
                    Drifted = driftedOf[deployment]
                        .ToImmutableSortedDictionary(d => new ResourceAddress(d.Address), d => d.Gone),
                };
            }
        }
    }

    public async Task<IReadOnlyList<DeploymentRow>> ListDeploymentsAsync(CancellationToken cancellationToken)
    {
        await using var db = Context();
        return await db.Deployments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    public async Task<RunRow?> LastRunAsync(string deployment, CancellationToken cancellationToken)
    {
        await using var db = Context();
        return await db.Runs.AsNoTracking()
            .Where(r => r.Deployment == deployment)
            .OrderByDescending(r => r.StartedAtMs)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records the start of a run, and the deployment (made when new) as deploying or deleting.</summary>
    /// <returns>The run's id.</returns>
    public async Task<string> BeginRunAsync(
        string deployment, string command, string holder, string environment, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var write = new StoreCommand();
        var d = write.Parameter(deployment);
        var now = write.Parameter(Now);
        var env = write.Parameter(environment);
        var status = write.Parameter(command == "destroy" ? "deleting" : "deploying");
        write.Statement(
            $"""
            INSERT INTO runs ("Id", "Deployment", "Command", "Holder", "StartedAtMs")
            VALUES ({write.Parameter(id)}, {d}, {write.Parameter(command)}, {write.Parameter(holder)}, {now})
            """);
        write.Statement(
            $"""
            INSERT INTO deployments ("Id", "Status", "Environment", "UpdatedAtMs")
            VALUES ({d}, 'deploying', {env}, {now})
            ON CONFLICT ("Id") DO UPDATE SET "Status" = {status},
                "Environment" = excluded."Environment", "UpdatedAtMs" = excluded."UpdatedAtMs"
            """);
        await WriteAsync(write, cancellationToken);
        return id;
    }

    public Task EndRunAsync(
        string runId, string outcome, string summaryJson, string deploymentStatus,
        CancellationToken cancellationToken) =>
        EndRunAsync(runId, outcome, summaryJson, deploymentStatus, retained: null, cancellationToken);

    /// <summary>
    /// Records the end of a run and the deployment's status and, when <paramref name="retained"/> is given, which
    /// of its resources are kept only for the data of disabled applications, in one transaction.
    /// </summary>
    /// <exception cref="InvalidOperationException">No run <paramref name="runId"/> is recorded.</exception>
    public async Task EndRunAsync(
        string runId, string outcome, string summaryJson, string deploymentStatus,
        IReadOnlySet<ResourceAddress>? retained, CancellationToken cancellationToken)
    {
        await WriteAsync(async db =>
        {
            var deployment = await db.Runs.AsNoTracking()
                .Where(r => r.Id == runId)
                .Select(r => r.Deployment)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Run {runId} is not recorded.");

            var write = new StoreCommand();
            var d = write.Parameter(deployment);
            var now = write.Parameter(Now);
            write.Statement(
                $"""
                UPDATE runs SET "EndedAtMs" = {now}, "Outcome" = {write.Parameter(outcome)},
                    "SummaryJson" = {write.Parameter(summaryJson)}
                WHERE "Id" = {write.Parameter(runId)}
                """);
            write.Statement(deploymentStatus == "destroyed"
                ? $"""DELETE FROM deployments WHERE "Id" = {d}"""
                : $"""
                  UPDATE deployments SET "Status" = {write.Parameter(deploymentStatus)}, "UpdatedAtMs" = {now}
                  WHERE "Id" = {d}
                  """);
            if (retained is not null)
            {
                AddMarkRetained(write, d, retained);
            }

            await write.ExecuteAsync(db, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Writes the intent of a provider call before it is made.</summary>
    public async Task BeginStepAsync(
        string runId, string deployment, ResourceAddress address, string operation, string? handle,
        CancellationToken cancellationToken)
    {
        var write = new StoreCommand();
        write.Statement(
            $"""
            INSERT INTO journal ("RunId", "Deployment", "Address", "Operation", "Handle", "StartedAtMs")
            VALUES ({write.Parameter(runId)}, {write.Parameter(deployment)}, {write.Parameter(address.Value)},
                {write.Parameter(operation)}, {(handle is null ? "NULL" : write.Parameter(handle))},
                {write.Parameter(Now)})
            """);
        await WriteAsync(write, cancellationToken);
    }

    /// <summary>
    /// Records a step's result: the resource as it now is (or its removal when <paramref name="record"/> is
    /// null), and the end of every open intent for that address, in one transaction.
    /// </summary>
    public Task CompleteStepAsync(
        string deployment, ResourceAddress address, ResourceRecord? record, CancellationToken cancellationToken) =>
        CompleteStepAsync(deployment, address, record, journal: null, cancellationToken);

    /// <summary>
    /// Records a step's result as <see cref="CompleteStepAsync(string, ResourceAddress, ResourceRecord?,
    /// CancellationToken)"/> does, and adds <paramref name="journal"/> to the journal as a step already done.
    /// </summary>
    public async Task CompleteStepAsync(
        string deployment, ResourceAddress address, ResourceRecord? record, StepJournal? journal,
        CancellationToken cancellationToken)
    {
        var now = Now;
        var row = record is null ? null : ToRow(deployment, record, now, now);
        var usage = record is null ? null : AccountingUsage.Of(record);
        await WriteAsync(StepResultCommand.Completed(deployment, address, row, usage, journal, now), cancellationToken);
    }

    /// <summary>Flags the resources kept only for the data of disabled applications, and unflags the others, where
    /// they differ, without reading the rows.</summary>
    private static void AddMarkRetained(StoreCommand write, string deployment, IReadOnlySet<ResourceAddress> retained)
    {
        var kept = retained.Count == 0
            ? "FALSE"
            : $"""("Address" IN ({string.Join(", ", retained.Select(a => write.Parameter(a.Value)))}))""";
        write.Statement(
            $"""UPDATE resources SET "Retained" = {kept} WHERE "Deployment" = {deployment} AND "Retained" <> {kept}""");
    }

    /// <summary>
    /// Records the drift a refresh just found. Drift found by an earlier refresh on other resources stays until a
    /// step touches them: that refresh recorded them as it found them, so a later one cannot see the difference
    /// again, and a periodic refresh must not hide what the next apply still repairs.
    /// </summary>
    public async Task ReplaceDriftAsync(
        string deployment, IEnumerable<Refresh.Drift> drifts, CancellationToken cancellationToken)
    {
        var found = drifts.ToList();
        var addresses = found.Select(d => d.Address).ToList();
        await WriteAsync(async db =>
        {
            await db.Drift.Where(d => d.Deployment == deployment && addresses.Contains(d.Address))
                .ExecuteDeleteAsync(cancellationToken);
            db.Drift.AddRange(found.Select(d => new DriftRow
            {
                Deployment = deployment, Address = d.Address, Kind = d.Kind, Gone = d.Gone,
                ChangesJson = JsonSerializer.Serialize(d.Changes), DetectedAtMs = Now,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The drift the last refresh found that no step has repaired since.</summary>
    public async Task<IReadOnlyList<Refresh.Drift>> DriftAsync(string deployment, CancellationToken cancellationToken)
    {
        await using var db = Context();
        var rows = await db.Drift.AsNoTracking()
            .Where(d => d.Deployment == deployment)
            .OrderBy(d => d.Address)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new Refresh.Drift(r.Address, r.Kind, r.Gone,
            [.. JsonSerializer.Deserialize<Planning.FieldChange[]>(r.ChangesJson)!]))];
    }

    public Task FailStepAsync(
        string deployment, ResourceAddress address, string error, CancellationToken cancellationToken) =>
        FailStepAsync(deployment, address, error, journal: null, cancellationToken);

    /// <summary>
    /// Closes the step's open intents as failed, and adds <paramref name="journal"/> as a failed step.
    /// </summary>
    public async Task FailStepAsync(
        string deployment, ResourceAddress address, string error, StepJournal? journal,
        CancellationToken cancellationToken)
    {
        await WriteAsync(async db =>
        {
            await CloseIntentsAsync(db, deployment, address, "failed", error, cancellationToken);
            AddEnded(db, deployment, address, journal, "failed", error);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    private void AddEnded(
        StateDbContext db, string deployment, ResourceAddress address, StepJournal? journal, string outcome,
        string? error)
    {
        if (journal is null)
        {
            return;
        }

        db.Journal.Add(new JournalEntry
        {
            RunId = journal.RunId, Deployment = deployment, Address = address.Value, Operation = journal.Operation,
            Handle = journal.Handle, StartedAtMs = Now, EndedAtMs = Now, Outcome = outcome, Error = error,
        });
    }

    private async Task CloseIntentsAsync(
        StateDbContext db, string deployment, ResourceAddress address, string outcome, string? error,
        CancellationToken cancellationToken)
    {
        var open = await db.Journal
            .Where(j => j.Deployment == deployment && j.Address == address.Value && j.EndedAtMs == null)
            .ToListAsync(cancellationToken);
        foreach (var entry in open)
        {
            entry.EndedAtMs = Now;
            entry.Outcome = outcome;
            entry.Error = error;
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string deployment, CancellationToken cancellationToken)
    {
        await using var db = Context();
        return await db.Journal.AsNoTracking()
            .Where(j => j.Deployment == deployment)
            .OrderBy(j => j.Id)
            .ToListAsync(cancellationToken);
    }

    private ResourceRecord ToRecord(ResourceRow row) => new(
        new ResourceAddress(row.Address),
        row.Kind,
        ValueJson.DeserializeMap(row.InputsJson, Protector.Unprotect),
        ValueJson.DeserializeMap(row.OutputsJson, Protector.Unprotect),
        [.. JsonSerializer.Deserialize<string[]>(row.DependenciesJson)!.Select(a => new ResourceAddress(a))])
    {
        Retained = row.Retained,
    };

    private ResourceRow ToRow(string deployment, ResourceRecord record, long createdAt, long updatedAt) => new()
    {
        Deployment = deployment,
        Address = record.Address.Value,
        Kind = record.Kind,
        InputsJson = ValueJson.SerializeMap(record.Inputs, Protector.Protect),
        OutputsJson = ValueJson.SerializeMap(record.Outputs, Protector.Protect),
        DependenciesJson = JsonSerializer.Serialize(record.Dependencies.Select(d => d.Value).ToArray()),
        Retained = record.Retained,
        CreatedAtMs = createdAt,
        UpdatedAtMs = updatedAt,
    };
}
