using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Access;
using Outreach.Residents.Audiences;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Archive;

/// <summary>
/// The one query layer over the archive: every read of residents goes through it, and it applies the
/// caller's community scope.
/// </summary>
public sealed class ResidentDirectory(ResidentsDbContext db, ICommunityScopeAccessor scopeAccessor, TimeProvider time)
{
    /// <summary>Residents the caller may see.</summary>
    public IQueryable<Resident> Residents
    {
        get
        {
            var scope = scopeAccessor.Current;
            var query = db.Residents.AsNoTracking();
            return scope.CommunityIds is null ? query : query.Where(r => scope.CommunityIds.Contains(r.CommunityId));
        }
    }

    /// <summary>Communities the caller may see, with their street (and its time zone).</summary>
    public IQueryable<Community> Communities
    {
        get
        {
            var scope = scopeAccessor.Current;
            var query = db.Communities.AsNoTracking().Include(c => c.Street).AsQueryable();
            return scope.CommunityIds is null ? query : query.Where(c => scope.CommunityIds.Contains(c.Id));
        }
    }

    /// <summary>The date ages and "within N days" are counted from.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Residents the caller may see who match an audience. Opted-out residents never match.</summary>
    public IQueryable<Resident> InAudience(AudienceExpression audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        return audience.ApplyTo(Residents.Where(r => r.OptedOutAt == null), Today);
    }

    public Task<Resident?> FindAsync(int id, CancellationToken cancellationToken)
        => Residents.Include(r => r.Dates).Include(r => r.Community).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Finds the resident who owns an E.164 number (first or second phone).</summary>
    public Task<Resident?> FindByPhoneAsync(string e164, CancellationToken cancellationToken)
        => Residents.Include(r => r.Community).OrderBy(r => r.Id)
            .FirstOrDefaultAsync(r => r.Phone == e164 || r.SecondPhone == e164, cancellationToken);
}
