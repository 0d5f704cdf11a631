using System.CommandLine;
using Fediversity.Configuration.Schema;

namespace Fediversity.Cli.Commands;

/// <summary><c>fedi schema operator|environment</c>: prints a document's JSON Schema.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var which = new Argument<string>("DOCUMENT") { Description = "operator or environment." };
        which.AcceptOnlyFromAmong("operator", "environment");
        var command = new Command("schema", "Print the JSON Schema of the operator configuration or the environment.") { which };
        command.SetAction(result =>
        {
            Console.Out.WriteLine(result.GetValue(which) == "operator"
                ? ConfigurationSchemas.OperatorText
                : ConfigurationSchemas.EnvironmentText);
            return ExitCodes.Success;
        });
        return command;
    }
}
