using Fediversity.Cli.Hosting;
using Fediversity.Panel.Hosting;
using Fediversity.Panel.Operators;

namespace Fediversity.Panel;

/// <summary>FediPanel: <c>fedipanel</c> serves the panel; <c>fedipanel admin create EMAIL</c> makes a staff account.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args is ["admin", "create", var email, .. var rest])
            {
                return await CreateStaffAsync(email, rest);
            }

            if (args is ["admin", ..])
            {
                await Console.Error.WriteLineAsync("Usage: fedipanel admin create EMAIL [--Panel:DataDirectory=DIR] " +
                    "(the password is read from standard input)");
                return 2;
            }

            var app = await PanelApp.BuildAsync(args, CancellationToken.None);
            await app.RunAsync();
            return 0;
        }
        catch (PanelDatabaseException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("Panel:Environment: " + e.Message);
            foreach (var detail in e.Details)
            {
                await Console.Error.WriteLineAsync("  " + detail);
            }

            return 2;
        }
    }

    private static async Task<int> CreateStaffAsync(string email, string[] settings)
    {
        var password = (await Console.In.ReadLineAsync())?.Trim() ?? "";
        if (password.Length == 0)
        {
            await Console.Error.WriteLineAsync("Give the staff account's password on standard input.");
            return 2;
        }

        var app = await PanelApp.BuildAsync([.. settings, "--Panel:RunWorkers=false"], CancellationToken.None);
        var problems = await StaffAccounts.CreateAsync(app.Services, email, password, CancellationToken.None);
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync("password: " + problem);
        }

        if (problems.Count == 0)
        {
            await Console.Out.WriteLineAsync($"{email} is a staff account; sign in to the panel with it.");
        }

        return problems.Count == 0 ? 0 : 2;
    }
}
