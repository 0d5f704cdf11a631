using System.CommandLine;
using Fediversity.Cli.Commands;
using Fediversity.Cli.Hosting;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.Planning;

namespace Fediversity.Cli;

/// <summary>The <c>fedi</c> command line.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Fediversity: deploy Fediverse applications for operators, with a plan before every change.")
        {
            ValidateCommand.Create(),
            ApplyCommands.Plan(),
            ApplyCommands.Apply(),
            StatusCommand.Create(),
            RefreshCommand.Create(),
            ApplyCommands.Destroy(),
            CredentialsCommand.Create(),
            RecordsCommands.Accounting(),
            RecordsCommands.Audit(),
            RecordsCommands.Purge(),
            SchemaCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run 'fedi --help' for the commands and their options.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            foreach (var detail in e.Details)
            {
                await Console.Error.WriteLineAsync("  " + detail);
            }

            return e.ExitCode;
        }
        catch (DeploymentLockedException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Locked;
        }
        catch (PlanException e)
        {
            await Console.Error.WriteLineAsync("The plan cannot be made; nothing was changed:");
            foreach (var problem in e.Problems)
            {
                await Console.Error.WriteLineAsync("  " + problem);
            }

            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Stopped. Steps that had ended are recorded; run the command again to finish.");
            return ExitCodes.Failed;
        }
    }
}
