using System.CommandLine;
using Fediversity.Cli.Hosting;
using Fediversity.Cli.Output;
using Fediversity.Configurator;
using Fediversity.Orchestrator.Events;

namespace Fediversity.Cli.Commands;

/// <summary><c>fedi plan</c>, <c>fedi apply</c> and <c>fedi destroy</c>.</summary>
internal static class ApplyCommands
{
    public static Command Plan()
    {
        var file = new Argument<string>("FILE") { Description = "The operator configuration." };
        var (environment, state, json) = (CommonOptions.Environment(), CommonOptions.State(), CommonOptions.Json());
        var command = new Command("plan", "Show what an apply would create, change and destroy; change nothing.")
        {
            file, environment, json,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var (session, configured) = await PrepareAsync(
                result.GetValue(file)!, result.GetValue(environment), state.Read(result), 1, cancellationToken);
            var plan = await session.Runner.PlanAsync(configured.Graph!, cancellationToken);
            if (result.GetValue(json))
            {
                JsonOutput.WriteLine(Console.Out, PlanReadyEvent.From(plan, TimeProvider.System.GetUtcNow()));
            }
            else
            {
                PlanPrinter.Print(Console.Out, plan, session.Binding.Environment.Name);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Apply()
    {
        var file = new Argument<string>("FILE") { Description = "The operator configuration." };
        var (environment, state, json) = (CommonOptions.Environment(), CommonOptions.State(), CommonOptions.Json());
        var (yes, parallelism) = (CommonOptions.Yes(), CommonOptions.Parallelism());
        var refresh = new Option<bool>("--refresh")
        {
            Description = "First read every resource back from its provider, so that changes made outside " +
                "Fediversity are repaired.",
        };
        var command = new Command("apply", "Make the deployment match the configuration, showing progress.")
        {
            file, environment, json, yes, parallelism, refresh,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var (session, configured) = await PrepareAsync(result.GetValue(file)!, result.GetValue(environment),
                state.Read(result), result.GetValue(parallelism), cancellationToken);
            return await DeploymentCommand.RunAsync(session, configured.Graph!, configured.Services,
                new DeploymentCommand.Choices(result.GetValue(json), result.GetValue(yes), "apply", result.GetValue(refresh)),
                cancellationToken);
        });
        return command;
    }

    public static Command Destroy()
    {
        var slug = new Argument<string>("OPERATOR") { Description = "The operator whose resources are all removed." };
        var (environment, state, json) = (CommonOptions.Environment(), CommonOptions.State(), CommonOptions.Json());
        var (yes, parallelism) = (CommonOptions.Yes(), CommonOptions.Parallelism());
        var command = new Command("destroy", "Remove every resource of an operator, in reverse dependency order.")
        {
            slug, environment, json, yes, parallelism,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var hosting = Hosting.Inputs.Environment(result.GetValue(environment));
            var session = await Session.OpenAsync(state.Read(result), hosting, result.GetValue(parallelism),
                cancellationToken);
            var operatorSlug = result.GetValue(slug)!;
            var known = await session.Store.ListDeploymentsAsync(cancellationToken);
            if (known.All(d => d.Id != operatorSlug))
            {
                throw new CliException($"OPERATOR: there is no deployment '{operatorSlug}' in " +
                    $"{session.Store.Description}; 'fedi status' lists them.");
            }

            return await DeploymentCommand.RunAsync(session, ClusterConfigurator.Nothing(operatorSlug), [],
                new DeploymentCommand.Choices(result.GetValue(json), result.GetValue(yes), "destroy"), cancellationToken);
        });
        return command;
    }

    private static async Task<(Session Session, ConfiguratorResult Configured)> PrepareAsync(
        string file, string? environment, StateLocation state, int parallelism, CancellationToken cancellationToken)
    {
        var configuration = Hosting.Inputs.Operator(file);
        var hosting = Hosting.Inputs.Environment(environment);
        var session = await Session.OpenAsync(state, hosting, parallelism, cancellationToken);
        var configured = ClusterConfigurator.Configure(configuration, hosting, session.Binding.Secrets);
        return configured.Succeeded
            ? (session, configured)
            : throw new CliException($"{file} cannot be deployed in the environment '{hosting.Name}':",
                ExitCodes.InvalidInput, [.. configured.Problems.Select(p => $"{p.Path}: {p.Message}")]);
    }
}
