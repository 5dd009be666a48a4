using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;

namespace Outreach.Campaigns.Delivery;

/// <summary>
/// A campaign is complete when no resident's outcome is still pending. The status that ends the last attempt notices
/// it at once; the sweep notices it otherwise (outcomes set by replies, recovery, or a server that stopped in between).
/// </summary>
public sealed class CampaignCompletion(CampaignsDbContext db, TimeProvider time)
{
    /// <summary>Marks a running campaign whose audience is snapshotted completed; returns false while an outcome is pending.</summary>
    public async Task<bool> TryCompleteAsync(int campaignId, CancellationToken cancellationToken)
    {
        if (await db.Targets.AnyAsync(t => t.CampaignId == campaignId && t.Outcome == TargetOutcome.Pending, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        await db.Campaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Running && c.SnapshotAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.CompletedAt, now).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        return true;
    }
}
