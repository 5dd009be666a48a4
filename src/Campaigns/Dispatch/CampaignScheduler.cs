using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Schedules;
using Outreach.Campaigns.Storage;

namespace Outreach.Campaigns.Dispatch;

/// <summary>Puts a campaign's work on Hangfire. Delays are measured on <see cref="TimeProvider"/>, so tests control them.</summary>
public sealed class CampaignScheduler(IBackgroundJobClient jobs, IRecurringJobManager recurring, CampaignsDbContext db, IOptions<CampaignOptions> options, TimeProvider time)
{
    /// <summary>
    /// Registers (or updates) a recurring campaign's Hangfire recurring job, in its street's time zone: at every cron
    /// occurrence, or daily at the local contact time of a date-field schedule.
    /// </summary>
    public void Recur(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var id = campaign.Id;
        var cron = campaign.Schedule == ScheduleKind.Cron
            ? campaign.Cron!
            : FormattableString.Invariant($"{campaign.DateLocalTime?.Minute ?? 0} {campaign.DateLocalTime?.Hour ?? 0} * * *");
        recurring.AddOrUpdate<RecurringRuns>(RecurringJobId(id), r => r.StartDueAsync(id, CancellationToken.None), cron,
            new RecurringJobOptions { TimeZone = QuietHours.Zone(campaign.TimeZone) });
    }

    /// <summary>A cancelled recurring campaign has no more occurrences.</summary>
    public void StopRecurring(int campaignId) => recurring.RemoveIfExists(RecurringJobId(campaignId));

    public static string RecurringJobId(int campaignId) => FormattableString.Invariant($"campaign-{campaignId}");

    public void Launch(int campaignId, DateTimeOffset? startAt)
    {
        var delay = startAt is { } at ? at - time.GetUtcNow() : TimeSpan.Zero;
        if (delay > TimeSpan.Zero)
        {
            jobs.Schedule<CampaignJobs>(j => j.LaunchAsync(campaignId, CancellationToken.None), delay);
        }
        else
        {
            jobs.Enqueue<CampaignJobs>(j => j.LaunchAsync(campaignId, CancellationToken.None));
        }
    }

    /// <summary>Enqueues one job per chunk, chunks <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
    public void DispatchChunks(int campaignId, int from, int to)
    {
        for (var chunk = from; chunk < to; chunk++)
        {
            var chunkNo = chunk;
            jobs.Enqueue<CampaignJobs>(j => j.DispatchChunkAsync(campaignId, chunkNo, CancellationToken.None));
        }
    }

    /// <summary>Quiet hours or a paused sender: run the chunk again when it may send.</summary>
    public void DeferChunk(int campaignId, int chunkNo, DateTimeOffset until)
        => jobs.Schedule<CampaignJobs>(j => j.DispatchChunkAsync(campaignId, chunkNo, CancellationToken.None), Delay(until));

    /// <summary>
    /// Makes sure a sweep (follow-ups, recoveries, completion) runs no later than <paramref name="at"/>. One sweep is
    /// pending per campaign at a time: the campaign row remembers it, so repeated calls schedule nothing more.
    /// </summary>
    public async Task EnsureSweepAsync(int campaignId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await db.Campaigns
            .Where(c => c.Id == campaignId && (c.NextSweepAt == null || c.NextSweepAt <= now || c.NextSweepAt > at))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextSweepAt, at), cancellationToken);
        if (claimed > 0)
        {
            jobs.Schedule<CampaignJobs>(j => j.SweepAsync(campaignId, CancellationToken.None), Delay(at));
        }
    }

    /// <summary>A sweep began: the campaign no longer has one pending.</summary>
    public Task SweepStartedAsync(int campaignId, CancellationToken cancellationToken)
        => db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextSweepAt, (DateTimeOffset?)null), cancellationToken);

    public Task EnsureNextSweepAsync(int campaignId, CancellationToken cancellationToken)
        => EnsureSweepAsync(campaignId, time.GetUtcNow().AddSeconds(options.Value.SweepSeconds), cancellationToken);

    private TimeSpan Delay(DateTimeOffset until)
    {
        var delay = until - time.GetUtcNow();
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
