using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Storage;

namespace Outreach.Campaigns.Definition;

/// <summary>Launch, pause, resume and cancel. Each is a conditional status change; dispatch jobs see it between batches.</summary>
public sealed class CampaignLifecycle(CampaignsDbContext db, CampaignScheduler scheduler, TimeProvider time)
{
    /// <summary>Returns false when the campaign is not a draft.</summary>
    public async Task<bool> LaunchAsync(int campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, cancellationToken);
        var now = time.GetUtcNow();
        var status = campaign.StartAt > now ? CampaignStatus.Scheduled : CampaignStatus.Running;
        var changed = await db.Campaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.LaunchedAt, now).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (changed > 0)
        {
            scheduler.Launch(campaignId, campaign.StartAt);
        }

        return changed > 0;
    }

    public Task<bool> PauseAsync(int campaignId, CancellationToken cancellationToken)
        => MoveAsync(campaignId, [CampaignStatus.Running, CampaignStatus.Scheduled], CampaignStatus.Paused, cancellationToken);

    /// <summary>Resuming re-runs the launch job: it skips what is done and fans the chunks out again.</summary>
    public async Task<bool> ResumeAsync(int campaignId, CancellationToken cancellationToken)
    {
        var resumed = await MoveAsync(campaignId, [CampaignStatus.Paused], CampaignStatus.Running, cancellationToken);
        if (resumed)
        {
            // The launch job may have been paused before its snapshot; re-running it is always safe.
            scheduler.Launch(campaignId, null);
        }

        return resumed;
    }

    public Task<bool> CancelAsync(int campaignId, CancellationToken cancellationToken)
        => MoveAsync(campaignId, [CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused], CampaignStatus.Cancelled, cancellationToken);

    private async Task<bool> MoveAsync(int campaignId, CampaignStatus[] from, CampaignStatus to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.Campaigns.Where(c => c.Id == campaignId && from.Contains(c.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.UpdatedAt, now), cancellationToken) > 0;
    }
}
