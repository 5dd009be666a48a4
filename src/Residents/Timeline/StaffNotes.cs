using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Archive;

namespace Outreach.Residents.Timeline;

/// <summary>Staff notes on a resident's timeline, for POST /api/residents/{id}/notes and the console's record page alike.</summary>
public sealed class StaffNotes(ResidentDirectory directory, ResidentTimeline timeline, TimeProvider time)
{
    public const int MaxLength = 4000;

    /// <summary>Why a note's text cannot be saved, in a clerk's words, or null when it can.</summary>
    public static string? Problem(string? text) => text?.Trim() switch
    {
        null or "" => "text is empty; write the note",
        { Length: > MaxLength } => $"text is longer than {MaxLength} characters",
        _ => null,
    };

    /// <summary>
    /// Appends the note to the timeline of a resident the caller may see; null when they may not (or there is none).
    /// <paramref name="channel"/> says where it was written: console or api.
    /// </summary>
    public async Task<TimelineEntry?> AddAsync(int residentId, string text, int? campaignId, string actor, string channel, CancellationToken cancellationToken)
    {
        if (Problem(text) is { } problem)
        {
            throw new ArgumentException(problem, nameof(text));
        }

        if (!await directory.Residents.AnyAsync(r => r.Id == residentId, cancellationToken))
        {
            return null;
        }

        var entry = new TimelineEntry
        {
            ResidentId = residentId,
            At = time.GetUtcNow(),
            Kind = TimelineKind.StaffNote,
            Channel = channel,
            CampaignId = campaignId,
            Text = text.Trim(),
            Actor = actor,
        };
        await timeline.AppendAsync(entry, cancellationToken);
        return entry;
    }
}
