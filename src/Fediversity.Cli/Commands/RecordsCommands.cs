using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fediversity.Cli.Hosting;
using Fediversity.Cli.Output;
using Fediversity.Orchestrator.State;

namespace Fediversity.Cli.Commands;

/// <summary>
/// <c>fedi accounting</c>, <c>fedi audit</c> and <c>fedi purge</c>: the records a hosting provider keeps
/// about its operators, including operators whose accounts are deleted.
/// </summary>
internal static class RecordsCommands
{
    public static Command Accounting()
    {
        var slug = new Argument<string?>("OPERATOR")
        {
            Description = "One operator; all when absent.", Arity = ArgumentArity.ZeroOrOne,
        };
        var (state, json) = (CommonOptions.State(), CommonOptions.Json());
        var command = new Command("accounting",
            "Show which billable resources each operator held, how big, from when to when; kept for the " +
            "environment's retention period after an account is deleted.")
        {
            slug, json,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var store = await Session.OpenStoreAsync(state.Read(result), cancellationToken);
            var periods = await new OperatorRecords(store).AccountingAsync(result.GetValue(slug), cancellationToken);
            foreach (var period in periods)
            {
                var usage = JsonSerializer.Deserialize<Dictionary<string, long>>(period.UsageJson) ?? [];
                if (result.GetValue(json))
                {
                    JsonOutput.WriteLine(Console.Out, new
                    {
                        type = "accounting",
                        @operator = period.Deployment,
                        address = period.Address,
                        kind = period.Kind,
                        usage,
                        from = Instant(period.StartedAtMs),
                        until = period.EndedAtMs is { } ended ? Instant(ended) : (DateTimeOffset?)null,
                        keptUntil = period.KeepUntilMs is { } kept ? Instant(kept) : (DateTimeOffset?)null,
                    });
                    continue;
                }

                var size = string.Join(", ",
                    usage.Select(u => $"{u.Key} {u.Value.ToString(CultureInfo.InvariantCulture)}"));
                var what = size.Length > 0 ? $"{period.Kind}: {size}" : period.Kind;
                Console.Out.WriteLine($"{period.Deployment} {period.Address} ({what}) " +
                    $"from {DeletionReport.Day(Instant(period.StartedAtMs))} " +
                    $"until {(period.EndedAtMs is { } end ? DeletionReport.Day(Instant(end)) : "now")}" +
                    (period.KeepUntilMs is { } keep ? $"; kept until {DeletionReport.Day(Instant(keep))}" : ""));
            }

            if (periods.Count == 0 && !result.GetValue(json))
            {
                Console.Out.WriteLine("No accounting records.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Audit()
    {
        var (state, json) = (CommonOptions.State(), CommonOptions.Json());
        var command = new Command("audit", "Show the record of every deleted operator account: who, when, what.")
        {
            json,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var store = await Session.OpenStoreAsync(state.Read(result), cancellationToken);
            var records = await new OperatorRecords(store).AuditAsync(cancellationToken);
            foreach (var record in records)
            {
                var removed = JsonSerializer.Deserialize<string[]>(record.RemovedJson) ?? [];
                if (result.GetValue(json))
                {
                    JsonOutput.WriteLine(Console.Out, new
                    {
                        type = "audit",
                        action = record.Action,
                        @operator = record.Deployment,
                        actor = record.Actor,
                        environment = record.Environment,
                        at = Instant(record.AtMs),
                        removed,
                        accountingKeptUntil = Instant(record.AccountingKeptUntilMs),
                    });
                    continue;
                }

                Console.Out.WriteLine(
                    $"{DeletionReport.Day(Instant(record.AtMs))} {record.Action} {record.Deployment} " +
                    $"by {record.Actor}: {removed.Length} resources removed; accounting records kept until " +
                    DeletionReport.Day(Instant(record.AccountingKeptUntilMs)));
                foreach (var address in removed)
                {
                    Console.Out.WriteLine($"    - {address}");
                }
            }

            if (records.Count == 0 && !result.GetValue(json))
            {
                Console.Out.WriteLine("No deleted accounts.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Purge()
    {
        var (state, json) = (CommonOptions.State(), CommonOptions.Json());
        var command = new Command("purge",
            "Delete the accounting records of deleted accounts whose retention period has ended. Every " +
            "command does this too; this one says how many went.")
        {
            json,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var store = await Session.OpenStoreAsync(state.Read(result), cancellationToken, purge: false);
            var purged = await new OperatorRecords(store).PurgeExpiredAsync(cancellationToken);
            if (result.GetValue(json))
            {
                JsonOutput.WriteLine(Console.Out, new { type = "purged", accountingRecords = purged });
            }
            else
            {
                Console.Out.WriteLine($"Purged {purged} accounting record(s) whose retention period had ended.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static DateTimeOffset Instant(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
