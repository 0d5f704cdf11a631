using System.CommandLine;
using Fediversity.Cli.Hosting;
using Fediversity.Cli.Output;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.Refresh;

namespace Fediversity.Cli.Commands;

/// <summary><c>fedi refresh OPERATOR</c>: reads every resource back and shows what changed outside Fediversity.</summary>
internal static class RefreshCommand
{
    public static Command Create()
    {
        var slug = new Argument<string>("OPERATOR") { Description = "The operator whose resources to read back." };
        var (environment, state, json) = (CommonOptions.Environment(), CommonOptions.State(), CommonOptions.Json());
        var command = new Command("refresh",
            "Read every resource back from its provider; what changed outside Fediversity shows as drift, and the " +
            "next apply repairs it.")
        {
            slug, environment, json,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var hosting = Hosting.Inputs.Environment(result.GetValue(environment));
            var session = await Session.OpenAsync(state.Read(result), hosting, 1, cancellationToken);
            var operatorSlug = result.GetValue(slug)!;
            if ((await session.Store.ListDeploymentsAsync(cancellationToken)).All(d => d.Id != operatorSlug))
            {
                throw new CliException($"OPERATOR: there is no deployment '{operatorSlug}'; 'fedi status' lists them.");
            }

            await session.CheckEnvironmentAsync(operatorSlug, cancellationToken);
            var drifts = await session.Runner.RefreshAsync(operatorSlug, LeaseHolder.Current(), cancellationToken);
            Print(drifts, result.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Print(IReadOnlyList<Drift> drifts, bool json)
    {
        if (json)
        {
            foreach (var drift in drifts)
            {
                JsonOutput.WriteLine(Console.Out, new { type = "drift", drift.Address, drift.Kind, drift.Gone, drift.Changes });
            }

            return;
        }

        Console.Out.WriteLine(drifts.Count == 0
            ? "No drift: every resource is as recorded."
            : $"Drift in {drifts.Count} resource(s); the next apply repairs it:");
        foreach (var drift in drifts)
        {
            Console.Out.WriteLine($"  {drift.Address}: {drift.Describe()}");
        }
    }
}
