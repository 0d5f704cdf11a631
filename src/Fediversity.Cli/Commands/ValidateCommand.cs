using System.CommandLine;
using Fediversity.Cli.Hosting;
using Fediversity.Cli.Output;
using Fediversity.Configurator;

namespace Fediversity.Cli.Commands;

/// <summary><c>fedi validate FILE</c>: checks a configuration, and that it fits the environment.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The operator configuration to check." };
        var environment = CommonOptions.Environment();
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check an operator configuration without changing anything.")
        {
            file, environment, json,
        };

        command.SetAction(result =>
        {
            var configuration = Hosting.Inputs.Operator(result.GetValue(file)!);
            var hosting = Hosting.Inputs.Environment(result.GetValue(environment));
            var configured = ClusterConfigurator.Configure(configuration, hosting, EnvironmentSecretFiles.Read(hosting));
            if (!configured.Succeeded)
            {
                throw new CliException($"{result.GetValue(file)} does not fit the environment '{hosting.Name}':",
                    ExitCodes.InvalidInput, [.. configured.Problems.Select(p => $"{p.Path}: {p.Message}")]);
            }

            if (result.GetValue(json))
            {
                JsonOutput.WriteLine(Console.Out, new { type = "validation", valid = true, resources = configured.Graph!.Resources.Count });
            }
            else
            {
                Console.Out.WriteLine($"{result.GetValue(file)} is valid: {configured.Graph!.Resources.Count} resources " +
                    $"in environment '{hosting.Name}'.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
