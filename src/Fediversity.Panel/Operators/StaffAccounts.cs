using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Fediversity.Panel.Operators;

/// <summary>Makes staff accounts: never by signing up, only from the command line or the panel's settings.</summary>
internal static class StaffAccounts
{
    /// <summary>Makes (or promotes) a staff account; returns the problems, none when it worked.</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(
        IServiceProvider services, string email, string password, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PanelUser>>();
        cancellationToken.ThrowIfCancellationRequested();

        if (!await roles.RoleExistsAsync(PanelApp.StaffRole))
        {
            await roles.CreateAsync(new IdentityRole(PanelApp.StaffRole));
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PanelUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return [.. created.Errors.Select(e => e.Description)];
            }
        }

        if (!await users.IsInRoleAsync(user, PanelApp.StaffRole))
        {
            await users.AddToRoleAsync(user, PanelApp.StaffRole);
        }

        return [];
    }

    /// <summary>Makes the staff account the settings name, when they name one and it does not exist yet.</summary>
    public static async Task EnsureFromSettingsAsync(
        IServiceProvider services, PanelOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.AdminEmail))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.AdminPasswordFile))
        {
            throw new InvalidOperationException(
                "Panel:AdminEmail is set but Panel:AdminPasswordFile is not; name a file that holds the password.");
        }

        var password = (await File.ReadAllTextAsync(options.AdminPasswordFile, cancellationToken)).Trim();
        var problems = await CreateAsync(services, options.AdminEmail, password, cancellationToken);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Panel:AdminEmail: the staff account cannot be made: " + string.Join(" ", problems));
        }
    }
}
