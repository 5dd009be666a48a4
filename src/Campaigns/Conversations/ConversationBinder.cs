using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Storage;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Conversations;

/// <summary>
/// Binds a conversation to a resident and to the campaign it is about: the one named by the call's attempt, else the
/// resident's latest running or recently finished campaign.
/// </summary>
public sealed class ConversationBinder(CampaignsDbContext db, ResidentConsent consent, IOptions<CampaignOptions> options, TimeProvider time)
{
    public async Task<(NoticeContext? Notice, ConversationActions Actions)> BindAsync(
        int residentId, int communityId, int? campaignId, ContactChannel channel, string? externalRef, CancellationToken cancellationToken)
    {
        var campaign = campaignId is { } id
            ? await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await LatestCampaignAsync(residentId, cancellationToken);
        var binding = new ConversationBinding(residentId, communityId, campaign?.Id, channel, externalRef);
        return (campaign?.ToNotice(), new ConversationActions(db, consent, time, binding));
    }

    private Task<Campaign?> LatestCampaignAsync(int residentId, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-options.Value.RecentCampaignDays);
        var campaignIds = db.Targets.Where(t => t.ResidentId == residentId).Select(t => t.CampaignId);
        return db.Campaigns.AsNoTracking()
            .Where(c => campaignIds.Contains(c.Id)
                && (c.Status == CampaignStatus.Running || c.Status == CampaignStatus.Paused || (c.CompletedAt != null && c.CompletedAt >= since)))
            .OrderByDescending(c => c.LaunchedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
