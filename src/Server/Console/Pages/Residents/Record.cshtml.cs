using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Residents.Archive;
using Outreach.Residents.Timeline;
using Outreach.Server.Accounts;
using Outreach.Server.Security;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.Server.StaffConsole.Pages.Residents;

/// <summary>One resident's record and timeline, where staff add notes. A resident outside the caller's communities is not found.</summary>
public sealed class ResidentRecordModel(ResidentDirectory directory, ResidentTimeline timeline, StaffNotes notes, StaffAuditLog audit, ConsoleText text) : PageModel
{
    public Resident? Resident { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>Auditors read only.</summary>
    public bool MayWrite => !User.IsInRole(StaffRoles.Auditor);

    /// <summary>The note sent back with <see cref="NoteError"/> when it could not be saved.</summary>
    public string? NoteText { get; private set; }

    public string? NoteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync("opened_resident", $"resident {id}", null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(int id, [FromForm(Name = "text")] string? note, CancellationToken cancellationToken)
    {
        if (StaffNotes.Problem(note) is not null)
        {
            (NoteText, NoteError) = (note, text.Format("NoteProblem", StaffNotes.MaxLength));
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        if (await notes.AddAsync(id, note!, null, User.Identity?.Name ?? "staff", "console", cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        await audit.RecordAsync("added_staff_note", $"resident {id}", $"timeline {entry.Id}", cancellationToken);
        return Redirect($"/residents/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Resident = await directory.FindAsync(id, cancellationToken);
        if (Resident is null)
        {
            return false;
        }

        Timeline = (await timeline.GetPageAsync(id, 1, 200, cancellationToken)).Items;
        return true;
    }
}
