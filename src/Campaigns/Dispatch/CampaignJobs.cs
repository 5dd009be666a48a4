using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Agent.Wording;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// The campaign's Hangfire jobs. Each takes ids only and is safe to run twice: state lives in the database and
/// every side effect is guarded by a record written before it.
/// </summary>
public sealed partial class CampaignJobs(
    CampaignsDbContext db,
    AudienceSnapshot snapshot,
    SegmentWordings wordings,
    DeliveryDispatcher dispatcher,
    AttemptRecovery recovery,
    CampaignScheduler scheduler,
    CampaignCompletion completion,
    IOptions<CampaignOptions> options,
    TimeProvider time,
    ILogger<CampaignJobs> logger)
{
    /// <summary>
    /// Snapshots the audience, drafts the segment wordings once, and fans out one job per chunk. A snapshot taken from
    /// the start sends each chunk as soon as it is full and its segments have wordings, while the rest is still being
    /// taken; the campaign is marked snapshotted (and can complete) only at the end.
    /// </summary>
    public async Task LaunchAsync(int campaignId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Campaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Scheduled)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Running).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null || campaign.Status is CampaignStatus.Cancelled or CampaignStatus.Completed or CampaignStatus.Draft)
        {
            return;
        }

        if (campaign.IsRecurring)
        {
            // A recurring campaign sends nothing itself: each occurrence starts a run of its own (see RecurringRuns).
            var zone = campaign.TimeZone = await snapshot.StreetTimeZoneAsync(campaign, cancellationToken) ?? campaign.TimeZone;
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, zone), cancellationToken);
            scheduler.Recur(campaign);
            return;
        }

        var dispatched = 0;
        if (campaign.SnapshotAt is null)
        {
            var started = time.GetTimestamp();
            // Quiet hours are kept in the street's zone, and chunks may start before the snapshot ends.
            var timeZone = campaign.TimeZone = await snapshot.StreetTimeZoneAsync(campaign, cancellationToken) ?? campaign.TimeZone;
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, timeZone), cancellationToken);

            // A snapshot resumed after a crash sends nothing early: the chunks it holds may lack wordings.
            var fromStart = !await db.Targets.AnyAsync(t => t.CampaignId == campaignId, cancellationToken);
            var unsent = new HashSet<SegmentKey>();
            var count = await snapshot.TakeAsync(campaign, fromStart ? SendFullChunksAsync : null, cancellationToken);
            LogSnapshot(campaignId, count, time.GetElapsedTime(started).TotalSeconds);
            var chunks = campaign.ChunkCount = (count + options.Value.ChunkSize - 1) / options.Value.ChunkSize;
            var snapshotAt = campaign.SnapshotAt = time.GetUtcNow();
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ChunkCount, chunks).SetProperty(c => c.SnapshotAt, snapshotAt), cancellationToken);

            async Task SendFullChunksAsync(int taken, IReadOnlyList<CampaignTarget> page)
            {
                unsent.UnionWith(SegmentWordings.SegmentsOf(campaign, page.Select(t => (t.Language, t.Segment, t.PreferredChannel))));
                var full = taken / options.Value.ChunkSize;
                if (full > dispatched)
                {
                    await wordings.EnsureAsync(campaign, unsent, cancellationToken);
                    unsent.Clear();
                    scheduler.DispatchChunks(campaignId, dispatched, full);
                    dispatched = full;
                }
            }
        }

        await wordings.EnsureAsync(campaign, await wordings.SegmentsOfTargetsAsync(campaign, cancellationToken), cancellationToken);
        scheduler.DispatchChunks(campaignId, dispatched, campaign.ChunkCount);
        await scheduler.EnsureNextSweepAsync(campaignId, cancellationToken);
    }

    /// <summary>Contacts the due targets of one chunk; in quiet hours the chunk is deferred to the morning, never dropped.</summary>
    public async Task DispatchChunkAsync(int campaignId, int chunkNo, CancellationToken cancellationToken)
    {
        var stop = await dispatcher.DispatchDueAsync(campaignId, chunkNo, cancellationToken);
        if (stop.QuietUntil is { } until)
        {
            scheduler.DeferChunk(campaignId, chunkNo, until);
        }
    }

    /// <summary>
    /// Follow-ups (call again, then SMS), throttled and capped deliveries now due, recovery of unknown attempts,
    /// and completion. Re-arms itself while the campaign runs.
    /// </summary>
    public async Task SweepAsync(int campaignId, CancellationToken cancellationToken)
    {
        // This sweep is the pending one now (Hangfire may start it a little before its time): the next one is ours to arm.
        await scheduler.SweepStartedAsync(campaignId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null || campaign.Status != CampaignStatus.Running || campaign.SnapshotAt is null)
        {
            return;
        }

        await recovery.RecoverAsync(campaign, cancellationToken);
        var stop = await dispatcher.DispatchDueAsync(campaignId, null, cancellationToken);
        if (await completion.TryCompleteAsync(campaignId, cancellationToken))
        {
            return;
        }

        if (stop.QuietUntil is { } until)
        {
            await scheduler.EnsureSweepAsync(campaignId, until, cancellationToken);
        }
        else
        {
            await scheduler.EnsureNextSweepAsync(campaignId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: audience of {Count} residents snapshotted in {Seconds:F1} s")]
    private partial void LogSnapshot(int campaignId, int count, double seconds);
}
