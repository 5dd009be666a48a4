using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Inbox;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;

namespace Outreach.Campaigns.Reports;

/// <summary>Counts, funnels and the unreached list, each computed from targets and attempts in one query.</summary>
public sealed class CampaignReports(CampaignsDbContext db)
{
    public Task<CampaignCounts?> CountsAsync(int campaignId, CancellationToken cancellationToken)
    {
        var targets = db.Targets.Where(t => t.CampaignId == campaignId);
        var attempts = db.Attempts.Where(a => a.CampaignId == campaignId);
        return db.Campaigns.Where(c => c.Id == campaignId).Select(c => new CampaignCounts(
            targets.Count(),
            targets.Count(t => t.Step > 0 || t.DueAt == null),
            attempts.Count(a => a.ProviderSid != null),
            attempts.Count(a => a.Status == DeliveryStatus.Delivered || a.Status == DeliveryStatus.InProgress
                || (a.Status == DeliveryStatus.Completed && (a.AnsweredBy == null || !(a.AnsweredBy.StartsWith("machine") || a.AnsweredBy == "fax")))),
            targets.Count(t => t.RepliedAt != null),
            targets.Count(t => t.Outcome == TargetOutcome.Confirmed),
            targets.Count(t => t.Outcome == TargetOutcome.Declined),
            targets.Count(t => t.Outcome == TargetOutcome.OptionChosen),
            targets.Count(t => t.Outcome == TargetOutcome.FreeAnswer),
            db.Inbox.Count(i => i.CampaignId == campaignId && i.Kind == InboxItemKind.Question),
            targets.Count(t => t.Outcome == TargetOutcome.NeedsPerson),
            targets.Count(t => t.Outcome == TargetOutcome.ProblemReported),
            targets.Count(t => t.Outcome == TargetOutcome.OptedOut),
            attempts.Count(a => a.Status == DeliveryStatus.Failed || a.Status == DeliveryStatus.Undelivered),
            targets.Count(t => t.Outcome == TargetOutcome.Unreachable),
            targets.Count(t => t.Outcome == TargetOutcome.Pending)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CommunityFunnel>> FunnelAsync(int campaignId, CancellationToken cancellationToken)
        => await db.Targets.Where(t => t.CampaignId == campaignId)
            .GroupBy(t => new { t.CommunityId, t.CommunityName })
            .Select(g => new CommunityFunnel(
                g.Key.CommunityId,
                g.Key.CommunityName,
                g.Count(),
                g.Count(t => t.Step > 0 || t.DueAt == null),
                g.Count(t => t.Outcome != TargetOutcome.Pending && t.Outcome != TargetOutcome.Unreachable && t.Outcome != TargetOutcome.Skipped),
                g.Count(t => t.Outcome == TargetOutcome.Confirmed),
                g.Count(t => t.Outcome == TargetOutcome.Declined),
                g.Count(t => t.Outcome == TargetOutcome.OptionChosen || t.Outcome == TargetOutcome.FreeAnswer),
                g.Count(t => t.Outcome == TargetOutcome.Question || t.Outcome == TargetOutcome.NeedsPerson || t.Outcome == TargetOutcome.ProblemReported),
                g.Count(t => t.Outcome == TargetOutcome.OptedOut),
                g.Count(t => t.Outcome == TargetOutcome.Unreachable),
                g.Count(t => t.Outcome == TargetOutcome.Pending)))
            .OrderBy(f => f.Community)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<UnreachedResident>> UnreachedAsync(int campaignId, CancellationToken cancellationToken)
        => await db.Targets.Where(t => t.CampaignId == campaignId && t.Outcome == TargetOutcome.Unreachable)
            .OrderBy(t => t.CommunityName).ThenBy(t => t.Building).ThenBy(t => t.Unit).ThenBy(t => t.ResidentId)
            .Select(t => new UnreachedResident(
                t.ResidentId,
                t.Name,
                t.CommunityName,
                t.Building,
                t.Unit,
                db.Attempts.Count(a => a.CampaignId == campaignId && a.ResidentId == t.ResidentId),
                t.OutcomeAt))
            .ToListAsync(cancellationToken);
}
