using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Storage;

namespace Outreach.Campaigns.Schedules;

/// <summary>
/// The recurring job of a recurring campaign: starts a run (a campaign of its own, with its own audience snapshot)
/// for each occurrence due now. A run is inserted under a unique (campaign, occurrence) index, so the same occurrence
/// enqueued twice, or by two servers, starts one run.
/// </summary>
public sealed class RecurringRuns(CampaignsDbContext db, CampaignScheduler scheduler, IOptions<CampaignOptions> options, TimeProvider time)
{
    public async Task StartDueAsync(int campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null || campaign.Status == CampaignStatus.Cancelled)
        {
            scheduler.StopRecurring(campaignId);
            return;
        }

        // Paused: this occurrence is skipped. Drafts and runs have no occurrences of their own.
        if (campaign.Status != CampaignStatus.Running || !campaign.IsRecurring || campaign.LaunchedAt is not { } launchedAt)
        {
            return;
        }

        var now = time.GetUtcNow();
        var zone = QuietHours.Zone(campaign.TimeZone);
        // Occurrences missed (servers down) are caught up within a window, and never those before the launch.
        var window = now - launchedAt;
        var catchUp = TimeSpan.FromHours(options.Value.CatchUpHours);
        window = window < catchUp ? window : catchUp;
        var due = campaign.Schedule == ScheduleKind.Cron
            ? CampaignOccurrences.LatestCronOccurrence(campaign.Cron!, zone, now, window) is { } latest ? [(latest, campaign.Audience)] : []
            : CampaignOccurrences.DueDateValues(campaign.DateOffsetDays, campaign.DateLocalTime ?? TimeOnly.MinValue, zone, now, window)
                .Select(d => (d.At, DateAudience(campaign, d.Value))).ToList();
        foreach (var (at, audience) in due)
        {
            await StartRunAsync(campaign, at, audience, zone, now, cancellationToken);
        }
    }

    /// <summary>The campaign's audience narrowed to residents whose date field holds <paramref name="value"/>.</summary>
    public static string DateAudience(Campaign campaign, DateOnly value)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var date = FormattableString.Invariant($"{campaign.DateField} = {value:yyyy-MM-dd}");
        return string.IsNullOrWhiteSpace(campaign.Audience) ? date : $"({campaign.Audience}) and {date}";
    }

    private async Task StartRunAsync(Campaign campaign, DateTimeOffset at, string audience, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One identity per occurrence whatever offset it was computed in (the column stores the offset too).
        at = at.ToUniversalTime();
        var localName = TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var inserted = await db.InsertNewAsync([campaign.RunAt(at, audience, localName, now)], null, cancellationToken);
        var run = inserted.Count > 0
            ? inserted[0]
            : await db.Campaigns.AsNoTracking().FirstAsync(c => c.ParentId == campaign.Id && c.OccurrenceAt == at, cancellationToken);
        db.ChangeTracker.Clear();
        // Launching again is harmless (the launch job snapshots once); it covers a crash between the insert and the launch.
        if (run.SnapshotAt is null && run.Status == CampaignStatus.Running)
        {
            scheduler.Launch(run.Id, null);
        }
    }
}
