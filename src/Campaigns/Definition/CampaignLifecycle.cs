using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Access;
using Outreach.Campaigns.Dispatch;

namespace Outreach.Campaigns.Definition;

/// <summary>
/// Launch, pause, resume and cancel. Each is a conditional status change on a campaign the caller may steer
/// (<see cref="CampaignAccess.Steerable"/>); dispatch jobs see it between batches.
/// </summary>
public sealed class CampaignLifecycle(CampaignAccess access, CampaignScheduler scheduler, TimeProvider time)
{
    /// <summary>Returns false when the campaign is not a draft the caller may steer.</summary>
    public async Task<bool> LaunchAsync(int campaignId, CancellationToken cancellationToken)
    {
        var campaign = await access.Steerable.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var status = campaign.StartAt > now && !campaign.IsRecurring ? CampaignStatus.Scheduled : CampaignStatus.Running;
        var changed = await access.Steerable.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.LaunchedAt, now).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (changed > 0)
        {
            scheduler.Launch(campaignId, campaign.StartAt);
        }

        return changed > 0;
    }

    /// <summary>Pausing a recurring campaign skips its occurrences until it is resumed; its runs so far are steered on their own.</summary>
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

    /// <summary>Cancelling a recurring campaign also removes its recurring job.</summary>
    public async Task<bool> CancelAsync(int campaignId, CancellationToken cancellationToken)
    {
        var cancelled = await MoveAsync(campaignId, [CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused], CampaignStatus.Cancelled, cancellationToken);
        if (cancelled)
        {
            scheduler.StopRecurring(campaignId);
        }

        return cancelled;
    }

    private async Task<bool> MoveAsync(int campaignId, CampaignStatus[] from, CampaignStatus to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await access.Steerable.Where(c => c.Id == campaignId && from.Contains(c.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.UpdatedAt, now), cancellationToken) > 0;
    }
}
