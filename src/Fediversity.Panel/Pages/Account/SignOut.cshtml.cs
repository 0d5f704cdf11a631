using Fediversity.Panel.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fediversity.Panel.Pages.Account;

/// <summary>Signing out is a POST, so that a link elsewhere cannot sign anyone out.</summary>
internal sealed class SignOutModel(SignInManager<PanelUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
