using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Inbox;
using Outreach.Residents.Archive;
using Outreach.Server.Accounts;

namespace Outreach.Server.StaffConsole.Pages.Inbox;

/// <summary>What residents raised (questions, callbacks, problems), in the caller's communities: assign, answer by SMS, resolve.</summary>
public sealed class InboxModel(InboxDesk desk, ResidentDirectory directory, StaffAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public InboxItemStatus? Status { get; set; }

    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var items = await desk.ListAsync(Status, null, cancellationToken);
        Items = Status is null ? [.. items.Where(i => i.Status != InboxItemStatus.Resolved)] : items;
        var ids = Items.Select(i => i.ResidentId).Distinct().ToList();
        Names = await directory.Residents.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
    }

    public async Task<IActionResult> OnPostAssignAsync(int id, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        await desk.AssignAsync(item, User.Identity?.Name ?? "staff", cancellationToken);
        await audit.RecordAsync("assigned_inbox_item", $"inbox {id}", null, cancellationToken);
        return Redirect("/inbox");
    }

    public async Task<IActionResult> OnPostReplyAsync(int id, string? text, bool resolve, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            if (resolve)
            {
                await desk.ResolveAsync(item, cancellationToken);
                await audit.RecordAsync("resolved_inbox_item", $"inbox {id}", null, cancellationToken);
            }

            return Redirect("/inbox");
        }

        await desk.ReplyAsync(item, text.Trim(), User.Identity?.Name ?? "staff", resolve, cancellationToken);
        await audit.RecordAsync(resolve ? "replied_and_resolved_inbox_item" : "replied_inbox_item", $"inbox {id}", $"resident {item.ResidentId}", cancellationToken);
        return Redirect("/inbox");
    }
}
