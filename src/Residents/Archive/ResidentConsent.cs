using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;

namespace Outreach.Residents.Archive;

/// <summary>Opt-out and opt-in, recorded on the resident and on their timeline.</summary>
public sealed class ResidentConsent(ResidentsDbContext db, ResidentTimeline timeline, TimeProvider time)
{
    /// <summary>Returns false when the resident was already opted out (nothing changes).</summary>
    public async Task<bool> OptOutAsync(int residentId, string method, string? externalRef, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.Residents.Where(r => r.Id == residentId && r.OptedOutAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OptedOutAt, now).SetProperty(r => r.OptOutMethod, method).SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (changed > 0)
        {
            await timeline.AppendAsync(new TimelineEntry { ResidentId = residentId, At = now, Kind = TimelineKind.ConsentChange, Text = $"Opted out ({method})", Outcome = "opted_out", ExternalRef = externalRef, Actor = "resident" }, cancellationToken);
        }

        return changed > 0;
    }

    /// <summary>Returns false when the resident was not opted out.</summary>
    public async Task<bool> OptInAsync(int residentId, string method, string? externalRef, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.Residents.Where(r => r.Id == residentId && r.OptedOutAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OptedOutAt, (DateTimeOffset?)null).SetProperty(r => r.OptOutMethod, (string?)null).SetProperty(r => r.ConsentedAt, now).SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (changed > 0)
        {
            await timeline.AppendAsync(new TimelineEntry { ResidentId = residentId, At = now, Kind = TimelineKind.ConsentChange, Text = $"Opted back in ({method})", Outcome = "opted_in", ExternalRef = externalRef, Actor = "resident" }, cancellationToken);
        }

        return changed > 0;
    }
}
