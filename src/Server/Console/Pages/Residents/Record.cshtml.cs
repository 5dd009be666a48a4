using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Residents.Archive;
using Outreach.Residents.Timeline;
using Outreach.Server.Accounts;

namespace Outreach.Server.StaffConsole.Pages.Residents;

/// <summary>One resident's record and timeline. A resident outside the caller's communities is not found.</summary>
public sealed class ResidentRecordModel(ResidentDirectory directory, ResidentTimeline timeline, StaffAuditLog audit) : PageModel
{
    public Resident? Resident { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Resident = await directory.FindAsync(id, cancellationToken);
        if (Resident is null)
        {
            return NotFound();
        }

        Timeline = (await timeline.GetPageAsync(id, 1, 200, cancellationToken)).Items;
        await audit.RecordAsync("opened_resident", $"resident {id}", null, cancellationToken);
        return Page();
    }
}
