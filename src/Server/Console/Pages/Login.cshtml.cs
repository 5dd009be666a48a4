using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Server.Accounts;

namespace Outreach.Server.StaffConsole.Pages;

public sealed class LoginModel(SignInManager<StaffUser> signIn, StaffAuditLog audit) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A ConsoleText key.</summary>
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            Error = "LockedOut";
            return Page();
        }

        if (!result.Succeeded)
        {
            Error = "BadLogin";
            return Page();
        }

        // The audit log reads the actor from the request's user, which is still anonymous here.
        HttpContext.User = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByNameAsync(Email.Trim()))!);
        await audit.RecordAsync("signed_in", null, null, cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
