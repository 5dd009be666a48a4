using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Server.Accounts;

namespace Outreach.Server.StaffConsole.Pages.Admin;

/// <summary>The staff audit log, newest first, for street admins.</summary>
public sealed class AuditLogModel(StaffAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Entries = await audit.ListAsync(Actor, 500, cancellationToken);
}
