using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Conversations;

/// <summary>
/// Who is on a call, for both voice modes: the notice call its reference names, and the community's on-duty number.
/// A call's attempt, target and campaign do not change while it lasts, so every turn after the first reads them
/// from memory instead of three queries.
/// </summary>
public sealed class CallParties(CampaignsDbContext db, ResidentDirectory directory, IMemoryCache cache)
{
    private static readonly TimeSpan CallLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The attempt, target and campaign of a notice call; null for a reference that is not an attempt of ours.</summary>
    public async Task<(DeliveryAttempt Attempt, CampaignTarget Target, Campaign Campaign)?> FindNoticeCallAsync(string? reference, CancellationToken cancellationToken)
    {
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var attemptId))
        {
            return null;
        }

        var key = (nameof(CallParties), attemptId);
        if (cache.TryGetValue(key, out (DeliveryAttempt, CampaignTarget, Campaign) known))
        {
            return known;
        }

        var attempt = await db.Attempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        var target = await db.Targets.AsNoTracking().FirstAsync(t => t.Id == attempt.TargetId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == attempt.CampaignId, cancellationToken);
        return cache.Set(key, (attempt, target, campaign), CallLifetime);
    }

    public async Task<string?> OnDutyPhoneAsync(int communityId, CancellationToken cancellationToken)
        => await directory.Residents.Where(r => r.CommunityId == communityId).Select(r => r.Community!.OnDutyPhone).FirstOrDefaultAsync(cancellationToken);
}
