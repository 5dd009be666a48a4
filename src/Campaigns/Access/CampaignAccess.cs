using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Storage;
using Outreach.Residents;
using Outreach.Residents.Access;
using Outreach.Residents.Archive;
using Outreach.Residents.Audiences;

namespace Outreach.Campaigns.Access;

/// <summary>
/// The query layer over campaigns for the caller's community scope (docs/decisions/0009): what they may read, what
/// they may steer, and which communities a campaign they create may reach. Street admins and system work see all.
/// </summary>
public sealed class CampaignAccess(CampaignsDbContext db, ResidentDirectory directory, ICommunityScopeAccessor scope, IOptions<ResidentsOptions> residents)
{
    /// <summary>The caller's communities; null when unrestricted.</summary>
    public IReadOnlySet<int>? Communities => scope.Current.CommunityIds;

    /// <summary>Campaigns reaching at least one of the caller's communities; their reports show only those.</summary>
    public IQueryable<Campaign> Visible
    {
        get
        {
            var allowed = Communities;
            var campaigns = db.Campaigns.AsNoTracking();
            return allowed is null ? campaigns : campaigns.Where(c => c.CommunityIds.Any(id => allowed.Contains(id)));
        }
    }

    /// <summary>Campaigns the caller may launch, pause, resume or cancel: those reaching none but the caller's communities.</summary>
    public IQueryable<Campaign> Steerable
    {
        get
        {
            var allowed = Communities;
            return allowed is null ? db.Campaigns : db.Campaigns.Where(c => c.CommunityIds.Count > 0 && c.CommunityIds.All(id => allowed.Contains(id)));
        }
    }

    /// <summary>
    /// The communities whose residents the audience matches now, within the caller's scope. When it matches nobody
    /// yet, a street admin's campaign may reach every community; community staff's none (they are told so).
    /// </summary>
    public async Task<CampaignReach> ReachAsync(AudienceExpression audience, CancellationToken cancellationToken)
    {
        var matched = await directory.InAudience(audience).Select(r => r.CommunityId).Distinct().ToListAsync(cancellationToken);
        var communities = matched.Count > 0 || Communities is not null ? directory.Communities.Where(c => matched.Contains(c.Id)) : directory.Communities;
        var rows = await communities.OrderBy(c => c.Id).Select(c => new { c.Id, c.StreetId, c.Street!.TimeZone }).ToListAsync(cancellationToken);
        var street = rows.FirstOrDefault();
        return new CampaignReach([.. rows.Select(r => r.Id)], street?.StreetId, street?.TimeZone ?? residents.Value.DefaultTimeZone);
    }
}
