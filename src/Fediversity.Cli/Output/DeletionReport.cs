using System.Globalization;
using System.Text.Json;
using Fediversity.Orchestrator.State;

namespace Fediversity.Cli.Output;

/// <summary>Tells the person who deleted an operator's account what is gone and what is kept.</summary>
internal static class DeletionReport
{
    public static void Write(AuditRow deletion, bool json)
    {
        var removed = JsonSerializer.Deserialize<string[]>(deletion.RemovedJson) ?? [];
        var keptUntil = DateTimeOffset.FromUnixTimeMilliseconds(deletion.AccountingKeptUntilMs);
        if (json)
        {
            JsonOutput.WriteLine(Console.Out, new
            {
                type = "account-deleted",
                @operator = deletion.Deployment,
                actor = deletion.Actor,
                at = DateTimeOffset.FromUnixTimeMilliseconds(deletion.AtMs),
                removed,
                accountingKeptUntil = keptUntil,
            });
            return;
        }

        Console.Out.WriteLine();
        Console.Out.WriteLine($"The account of '{deletion.Deployment}' is deleted: {removed.Length} resources " +
            "removed, its run records and journal erased.");
        Console.Out.WriteLine($"Its accounting records are kept until {Day(keptUntil)} " +
            $"('fedi accounting {deletion.Deployment}'); the deletion is recorded in 'fedi audit'.");
    }

    public static string Day(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
