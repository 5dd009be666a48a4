using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Timeline;

/// <summary>Appends to and reads residents' timelines. Appends carrying an ExternalRef are idempotent.</summary>
public sealed class ResidentTimeline(ResidentsDbContext db)
{
    /// <summary>Appends an entry; returns false when an entry with the same resident, kind and ExternalRef exists.</summary>
    public async Task<bool> AppendAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.ExternalRef is not null
            && await db.Timeline.AnyAsync(t => t.ResidentId == entry.ResidentId && t.Kind == entry.Kind && t.ExternalRef == entry.ExternalRef, cancellationToken))
        {
            return false;
        }

        db.Timeline.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (entry.ExternalRef is not null)
        {
            // Lost a race with a replay of the same webhook: the unique index kept one.
            db.Entry(entry).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Newest first.</summary>
    public async Task<TimelinePage> GetPageAsync(int residentId, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.Timeline.AsNoTracking().Where(t => t.ResidentId == residentId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new TimelinePage(items, page, pageSize, total);
    }
}
