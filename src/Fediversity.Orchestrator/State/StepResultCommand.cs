using Fediversity.Resources;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// A step's result as one <see cref="StoreCommand"/>: the resource's row (or its removal), the accounting
/// period it is billed by, the end of its open intents, its journal entry when it wrote no intent, and the
/// clearing of its drift. Through the change tracker this was a read of each table and then the save, five
/// round trips between one step's call and its dependents' calls.
/// </summary>
internal static class StepResultCommand
{
    /// <summary>
    /// The command that records <paramref name="row"/> as the resource's state now (or the resource's removal
    /// when null), with <paramref name="usage"/> as its billable quantities (null when it is not billed).
    /// </summary>
    public static StoreCommand Completed(
        string deployment, ResourceAddress address, ResourceRow? row, string? usage, StepJournal? journal, long now)
    {
        var command = new StoreCommand();
        var d = command.Parameter(deployment);
        var a = command.Parameter(address.Value);
        var at = command.Parameter(now);
        var where = $"""WHERE "Deployment" = {d} AND "Address" = {a}""";

        if (row is null)
        {
            command.Statement($"DELETE FROM resources {where}");
        }
        else
        {
            command.Statement(
                $"""
                INSERT INTO resources ("Deployment", "Address", "Kind", "InputsJson", "OutputsJson",
                    "DependenciesJson", "Retained", "CreatedAtMs", "UpdatedAtMs")
                VALUES ({d}, {a}, {command.Parameter(row.Kind)}, {command.Parameter(row.InputsJson)},
                    {command.Parameter(row.OutputsJson)}, {command.Parameter(row.DependenciesJson)},
                    {command.Parameter(row.Retained)}, {at}, {at})
                ON CONFLICT ("Deployment", "Address") DO UPDATE SET "Kind" = excluded."Kind",
                    "InputsJson" = excluded."InputsJson", "OutputsJson" = excluded."OutputsJson",
                    "DependenciesJson" = excluded."DependenciesJson", "Retained" = excluded."Retained",
                    "UpdatedAtMs" = excluded."UpdatedAtMs"
                """);
        }

        // A period stays open while the resource is billed the same; any other open period ends, and a new one
        // starts when none is left open.
        if (usage is null)
        {
            command.Statement($"""UPDATE accounting SET "EndedAtMs" = {at} {where} AND "EndedAtMs" IS NULL""");
        }
        else
        {
            var kind = command.Parameter(row!.Kind);
            var billed = command.Parameter(usage);
            command.Statement(
                $"""
                UPDATE accounting SET "EndedAtMs" = {at} {where} AND "EndedAtMs" IS NULL
                    AND ("UsageJson" <> {billed} OR "Kind" <> {kind})
                """);
            command.Statement(
                $"""
                INSERT INTO accounting ("Deployment", "Address", "Kind", "UsageJson", "StartedAtMs")
                SELECT {d}, {a}, {kind}, {billed}, {at}
                WHERE NOT EXISTS (SELECT 1 FROM accounting {where} AND "EndedAtMs" IS NULL)
                """);
        }

        command.Statement(
            $"""UPDATE journal SET "EndedAtMs" = {at}, "Outcome" = 'done' {where} AND "EndedAtMs" IS NULL""");
        if (journal is not null)
        {
            var handle = journal.Handle is null ? "NULL" : command.Parameter(journal.Handle);
            command.Statement(
                $"""
                INSERT INTO journal ("RunId", "Deployment", "Address", "Operation", "Handle", "StartedAtMs",
                    "EndedAtMs", "Outcome")
                VALUES ({command.Parameter(journal.RunId)}, {d}, {a}, {command.Parameter(journal.Operation)},
                    {handle}, {at}, {at}, 'done')
                """);
        }

        return command.Statement($"DELETE FROM drift {where}");
    }
}
