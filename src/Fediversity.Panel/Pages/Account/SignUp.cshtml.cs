using System.ComponentModel.DataAnnotations;
using Fediversity.Panel.Data;
using Fediversity.Panel.Operators;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Pages.Account;

/// <summary>Sign-up makes an operator's account; it never makes staff.</summary>
internal sealed class SignUpModel(
    UserManager<PanelUser> users, SignInManager<PanelUser> signIn, PanelDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new PanelUser { UserName = Input.Email.Trim(), Email = Input.Email.Trim() };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email";
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        var account = new OperatorAccount
        {
            Slug = await FreeSlugAsync(Slugs.From(Input.Organisation), cancellationToken),
            DisplayName = Input.Organisation.Trim(),
            OwnerUserId = user.Id,
            CreatedAt = time.GetUtcNow(),
        };
        db.Operators.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        user.OperatorId = account.Id;
        await users.UpdateAsync(user);
        await transaction.CommitAsync(cancellationToken);

        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Configuration/Index", new { welcome = 1 });
    }

    private async Task<string> FreeSlugAsync(string wanted, CancellationToken cancellationToken)
    {
        var taken = await db.Operators.Where(o => o.Slug == wanted || o.Slug.StartsWith(wanted + "-"))
            .Select(o => o.Slug).ToListAsync(cancellationToken);
        var slug = wanted;
        for (var n = 2; taken.Contains(slug); n++)
        {
            slug = $"{wanted}-{n}";
        }

        return slug;
    }

    /// <summary>What the sign-up form asks.</summary>
    public sealed class SignUpInput
    {
        [Required(ErrorMessage = "Give your organisation's name.")]
        [StringLength(80, ErrorMessage = "Keep the name under 80 characters.")]
        public string Organisation { get; set; } = "";

        [Required(ErrorMessage = "Give your e-mail address.")]
        [EmailAddress(ErrorMessage = "This is not an e-mail address; check it.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
        public string Password { get; set; } = "";
    }
}
