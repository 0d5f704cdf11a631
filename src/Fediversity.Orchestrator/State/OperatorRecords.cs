using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// What the state store keeps about operators beyond their resources: the accounting periods a hosting
/// provider bills from, the audit records of deleted accounts, and the end of an account's deletion.
/// </summary>
public sealed class OperatorRecords(StateStore store)
{
    /// <summary>The audit action of an account deletion.</summary>
    public const string AccountDeleted = "account-deleted";

    private long Now => store.Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Ends the deletion of an operator's account whose resources are all gone, in one transaction: the
    /// deployment, its runs, journal and drift are deleted; its accounting periods are closed and kept
    /// for <paramref name="accountingRetention"/>; an audit record says who deleted what, and when.
    /// </summary>
    public async Task<AuditRow> FinishDeletionAsync(
        string deployment, string actor, string? environment, TimeSpan accountingRetention,
        CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = store.Context();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var audit = new AuditRow
        {
            Deployment = deployment, Action = AccountDeleted, Actor = actor, Environment = environment, AtMs = now,
            RemovedJson = JsonSerializer.Serialize(await RemovedAsync(db, deployment, cancellationToken)),
            AccountingKeptUntilMs = now + (long)accountingRetention.TotalMilliseconds,
        };
        db.Audit.Add(audit);

        var periods = await db.Accounting
            .Where(a => a.Deployment == deployment && a.KeepUntilMs == null)
            .ToListAsync(cancellationToken);
        foreach (var period in periods)
        {
            period.EndedAtMs ??= now;
            period.KeepUntilMs = audit.AccountingKeptUntilMs;
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Journal.Where(j => j.Deployment == deployment).ExecuteDeleteAsync(cancellationToken);
        await db.Runs.Where(r => r.Deployment == deployment).ExecuteDeleteAsync(cancellationToken);
        await db.Drift.Where(d => d.Deployment == deployment).ExecuteDeleteAsync(cancellationToken);
        await db.Resources.Where(r => r.Deployment == deployment).ExecuteDeleteAsync(cancellationToken);
        await db.Deployments.Where(d => d.Id == deployment).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return audit;
    }

    /// <summary>Deletes the accounting periods whose keeping time has passed; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = store.Context();
        return await db.Accounting.Where(a => a.KeepUntilMs != null && a.KeepUntilMs <= now)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The accounting periods of one operator, or of all when <paramref name="deployment"/> is null.</summary>
    public async Task<IReadOnlyList<AccountingPeriodRow>> AccountingAsync(
        string? deployment, CancellationToken cancellationToken)
    {
        await using var db = store.Context();
        return await db.Accounting.AsNoTracking()
            .Where(a => deployment == null || a.Deployment == deployment)
            .OrderBy(a => a.Deployment).ThenBy(a => a.Address).ThenBy(a => a.StartedAtMs)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The audit records, oldest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> AuditAsync(CancellationToken cancellationToken)
    {
        await using var db = store.Context();
        return await db.Audit.AsNoTracking().OrderBy(a => a.AtMs).ThenBy(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What the account's deletion removed: every resource deleted by the destroy runs since the last run
    /// of another kind, however many runs it took to finish.
    /// </summary>
    private static async Task<string[]> RemovedAsync(
        StateDbContext db, string deployment, CancellationToken cancellationToken)
    {
        var destroyRuns = await db.Runs.AsNoTracking()
            .Where(r => r.Deployment == deployment && r.Command == "destroy")
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

        // Journal ids only grow, so they order the runs' steps even when two runs began in the same instant.
        var lastOther = await db.Journal.AsNoTracking()
            .Where(j => j.Deployment == deployment && !destroyRuns.Contains(j.RunId))
            .MaxAsync(j => (long?)j.Id, cancellationToken) ?? 0;
        var deleted = await db.Journal.AsNoTracking()
            .Where(j => j.Deployment == deployment && j.Id > lastOther && j.Operation == "delete")
            .Select(j => j.Address)
            .ToListAsync(cancellationToken);
        return [.. deleted.Distinct().Order(StringComparer.Ordinal)];
    }
}
