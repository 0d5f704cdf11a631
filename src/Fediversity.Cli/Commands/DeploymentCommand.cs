using Fediversity.Cli.Hosting;
using Fediversity.Cli.Output;
using Fediversity.Configurator;
using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.Planning;
using Fediversity.Resources.Graph;
using Spectre.Console;

namespace Fediversity.Cli.Commands;

/// <summary>What apply and destroy share: show the plan, confirm, run with progress, report.</summary>
internal static class DeploymentCommand
{
    public sealed record Choices(bool Json, bool Yes, string Command, bool Refresh = false);

    public static async Task<int> RunAsync(
        Session session, ResourceGraph desired, IReadOnlyList<DeployedService> services, Choices choices,
        CancellationToken cancellationToken)
    {
        await session.CheckEnvironmentAsync(desired.Deployment, cancellationToken);
        var environment = session.Binding.Environment.Name;

        if (choices.Refresh)
        {
            var drifts = await session.Runner.RefreshAsync(desired.Deployment, LeaseHolder.Current(), cancellationToken);
            RefreshCommand.Print(drifts, choices.Json);
        }

        var preview = await session.Runner.PlanAsync(desired, cancellationToken);
        if (!choices.Json)
        {
            PlanPrinter.Print(Console.Out, preview, environment);
        }

        if (preview.HasChanges && !choices.Yes && !Confirm(preview, choices))
        {
            Console.Error.WriteLine("Nothing was changed.");
            return ExitCodes.Success;
        }

        var request = new ApplyRequest(desired, environment, plan => SameSteps(plan, preview))
        {
            Command = choices.Command,
            AccountingRetention = TimeSpan.FromDays(session.Binding.Environment.Retention.AccountingDays),
        };

        var result = await RunWithDisplayAsync(session, request, choices, cancellationToken);
        if (result.Declined)
        {
            throw new CliException("The plan changed between showing it and applying it (another run changed the " +
                "deployment); nothing was changed. Run the command again to see the new plan.");
        }

        if (!choices.Json)
        {
            Report(result, services, choices.Command);
        }

        if (result.Deletion is { } deletion)
        {
            DeletionReport.Write(deletion, choices.Json);
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task<ApplyResult> RunWithDisplayAsync(
        Session session, ApplyRequest request, Choices choices, CancellationToken cancellationToken)
    {
        if (choices.Json)
        {
            return await session.Runner.ApplyAsync(request, new JsonEventSink(Console.Out), cancellationToken);
        }

        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            var live = new LiveProgressDisplay(AnsiConsole.Console, TimeProvider.System);
            return await live.RunAsync(() => session.Runner.ApplyAsync(request, live, cancellationToken));
        }

        return await session.Runner.ApplyAsync(request, new LineProgressSink(Console.Out), cancellationToken);
    }

    private static bool Confirm(Plan plan, Choices choices)
    {
        if (choices.Json || Console.IsInputRedirected)
        {
            throw new CliException($"--yes: '{choices.Command}' needs --yes when it cannot ask (no terminal, or " +
                "--json); nothing was changed.");
        }

        var losing = plan.DataLosingSteps.Any() ? " Data will be lost, as listed above." : "";
        var expected = choices.Command == "destroy" ? plan.Deployment : "yes";
        Console.Out.Write(choices.Command == "destroy"
            ? $"This removes every resource of '{plan.Deployment}'.{losing} Type the operator's name to go on: "
            : $"Carry out this plan?{losing} Type 'yes' to go on: ");
        return string.Equals(Console.In.ReadLine()?.Trim(), expected, StringComparison.Ordinal);
    }

    /// <summary>The plan being applied is the plan that was shown: same addresses, same actions.</summary>
    private static bool SameSteps(Plan applied, Plan shown) =>
        applied.Steps.Select(s => (s.Address, s.Action)).SequenceEqual(shown.Steps.Select(s => (s.Address, s.Action)));

    private static void Report(ApplyResult result, IReadOnlyList<DeployedService> services, string command)
    {
        var summary = result.Summary!;
        Console.Out.WriteLine();
        Console.Out.WriteLine(
            $"{(summary.Succeeded ? "Done" : "Not finished")}: {summary.Created} created, {summary.Updated} updated, " +
            $"{summary.Replaced} replaced, {summary.Deleted} deleted, {summary.Unchanged} unchanged" +
            (summary.Failed + summary.Skipped > 0 ? $", {summary.Failed} failed, {summary.Skipped} skipped" : "") +
            $" in {LineProgressSink.Seconds(summary.DurationMs)}.");

        if (!summary.Succeeded)
        {
            Console.Out.WriteLine($"Run '{command}' again to finish; steps that ended are not repeated.");
            return;
        }

        if (services.Count > 0)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine("Your services:");
            foreach (var service in services)
            {
                Console.Out.WriteLine($"  {ResourceAddresses.Name(service.Application),-9} {service.Url}");
            }

            Console.Out.WriteLine();
            Console.Out.WriteLine($"Admin sign-in details: fedi credentials {result.Plan.Deployment}");
        }
    }
}
