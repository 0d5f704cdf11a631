using System.CommandLine;
using Fediversity.Cli.Hosting;
using Fediversity.Cli.Output;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;

namespace Fediversity.Cli.Commands;

/// <summary>
/// <c>fedi credentials OPERATOR</c>: the admin accounts' sign-in details. This is the one command that
/// shows secrets, because handing them to their owner is its purpose.
/// </summary>
internal static class CredentialsCommand
{
    public static Command Create()
    {
        var slug = new Argument<string>("OPERATOR") { Description = "The operator whose admin accounts to show." };
        var (state, json) = (CommonOptions.State(), CommonOptions.Json());
        var command = new Command("credentials", "Show the admin accounts of an operator's services, with passwords.")
        {
            slug, json,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var store = await Session.OpenStoreAsync(state.Read(result), cancellationToken);
            var operatorSlug = result.GetValue(slug)!;
            var recorded = await store.LoadAsync(operatorSlug, cancellationToken);
            var accounts = recorded.Resources.Values.Where(r => r.Kind == AdminAccountKind.Kind).ToList();
            if (accounts.Count == 0)
            {
                throw new CliException($"OPERATOR: '{operatorSlug}' has no admin accounts; deploy first with 'fedi apply'.");
            }

            foreach (var account in accounts)
            {
                var password = account.Inputs.GetValueOrDefault(AdminAccountKind.Password) is SecretValue s
                    ? s.Secret.Reveal()
                    : "(unknown)";
                var (application, url, username, email) = (account.Input(AdminAccountKind.Application),
                    account.Input(AdminAccountKind.Url), account.Input(AdminAccountKind.Username),
                    account.Input(AdminAccountKind.Email));

                if (result.GetValue(json))
                {
                    JsonOutput.WriteLine(Console.Out, new { type = "credentials", application, url, username, email, password });
                }
                else
                {
                    Console.Out.WriteLine($"{application}: {url}");
                    Console.Out.WriteLine($"  username  {username}");
                    Console.Out.WriteLine($"  e-mail    {email}");
                    Console.Out.WriteLine($"  password  {password}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
