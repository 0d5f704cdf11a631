using System.Text.RegularExpressions;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Accounts;

/// <summary>The administrator to make: in which application, with which name, address and password.</summary>
internal sealed partial record AdminAccountSpec(string Application, string Username, string Email, Secret Password)
{
    public static AdminAccountSpec From(ResourceRequest request)
    {
        var spec = new AdminAccountSpec(
            request.Text(AdminAccountKind.Application),
            request.Text(AdminAccountKind.Username),
            request.Text(AdminAccountKind.Email),
            request.Secret(AdminAccountKind.Password));

        if (!ValidUsername().IsMatch(spec.Username))
        {
            throw new ProviderException(
                $"the administrator's name '{spec.Username}' may only use letters, digits and underscores");
        }

        if (!ValidEmail().IsMatch(spec.Email))
        {
            throw new ProviderException($"the administrator's e-mail address '{spec.Email}' is not one");
        }

        return spec.Password.Reveal().Contains('\n', StringComparison.Ordinal)
            ? throw new ProviderException("the administrator's password must be one line")
            : spec;
    }

    /// <summary>Where the machine keeps the note that Fediversity made this account.</summary>
    public string MarkerPath => $"/var/lib/fediversity/admin-accounts/{Application}-{Username}";

    [GeneratedRegex("^[A-Za-z0-9_]{1,30}$")]
    private static partial Regex ValidUsername();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$")]
    private static partial Regex ValidEmail();
}
