using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Server.Accounts;
using Outreach.Server.Security;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.Server.StaffConsole.Pages.Admin;

/// <summary>Street admins list staff accounts and add new ones with a role and communities.</summary>
public sealed class StaffUsersModel(UserManager<StaffUser> users, StaffAuditLog audit, ConsoleText text) : PageModel
{
    [BindProperty]
    public NewStaffUser Input { get; set; } = new();

    public IReadOnlyList<StaffRow> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var communities = CommunityIdList.ParseInput(Input.Communities);
        if (communities is null || (Input.Role != StaffRoles.StreetAdmin && communities.Count == 0) || !IntegrationApiKeys.Roles.Contains(Input.Role))
        {
            return await FailAsync(text["CommunitiesRequired"], cancellationToken);
        }

        var user = new StaffUser
        {
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Input.DisplayName.Trim(),
            CommunityIds = Input.Role == StaffRoles.StreetAdmin ? [] : communities,
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            return await FailAsync(string.Join(" ", created.Errors.Select(e => e.Description)), cancellationToken);
        }

        await users.AddToRoleAsync(user, Input.Role);
        await audit.RecordAsync("created_staff_user", user.Email, $"{Input.Role} {CommunityIdList.Encode(communities)}", cancellationToken);
        Message = text.Format("StaffUserAdded", user.Email);
        Input = new();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> FailAsync(string message, CancellationToken cancellationToken)
    {
        Message = message;
        Failed = true;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var rows = new List<StaffRow>();
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            rows.Add(new StaffRow(user.Email ?? user.UserName ?? user.Id, user.DisplayName, string.Join(", ", roles), user.CommunityIds, user.LockoutEnd));
        }

        Rows = rows;
    }

    public sealed class NewStaffUser
    {
        public string Email { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        public string Password { get; set; } = string.Empty;

        public string Role { get; set; } = StaffRoles.CommunityStaff;

        public string? Communities { get; set; }
    }

    public sealed record StaffRow(string Email, string? DisplayName, string Role, IReadOnlyList<int> Communities, DateTimeOffset? LockedOutUntil);
}
