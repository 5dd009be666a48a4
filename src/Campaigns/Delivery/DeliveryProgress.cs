using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Timeline;

namespace Outreach.Campaigns.Delivery;

/// <summary>
/// Moves attempts forward through the delivery state machine and, when an attempt ends, moves its resident along
/// the channel plan. Every write is conditional, so a repeated or late status changes nothing.
/// </summary>
public sealed class DeliveryProgress(CampaignsDbContext db, CampaignScheduler scheduler, ResidentTimeline timeline, TimeProvider time)
{
    /// <summary>Applies a status; returns true when it moved the attempt forward.</summary>
    public async Task<bool> ApplyAsync(StatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var attempts = Find(report);
        if (attempts is null)
        {
            return false;
        }

        var rank = DeliveryStates.Rank(report.Status);
        var final = rank == DeliveryStates.FinalRank;
        var now = time.GetUtcNow();
        var moved = await attempts.Where(a => a.StatusRank < rank).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, report.Status)
            .SetProperty(a => a.StatusRank, rank)
            .SetProperty(a => a.ProviderSid, a => a.ProviderSid ?? report.ProviderSid)
            .SetProperty(a => a.ErrorCode, a => report.ErrorCode ?? a.ErrorCode)
            .SetProperty(a => a.AnsweredBy, a => report.AnsweredBy ?? a.AnsweredBy)
            .SetProperty(a => a.FinalAt, a => final ? now : a.FinalAt), cancellationToken);
        if (moved == 0 || !final)
        {
            return moved > 0;
        }

        var attempt = await attempts.AsNoTracking().FirstAsync(cancellationToken);
        await FinishAttemptAsync(attempt, cancellationToken);
        return true;
    }

    /// <summary>Records Twilio's answering-machine verdict as soon as the call is answered.</summary>
    public Task RecordAnsweredByAsync(long attemptId, string answeredBy, CancellationToken cancellationToken)
        => db.Attempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(s => s.SetProperty(a => a.AnsweredBy, answeredBy), cancellationToken);

    /// <summary>The attempt ended: the resident was reached, or the plan moves on, or it ran out.</summary>
    private async Task FinishAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = db.Targets.Where(t => t.Id == attempt.TargetId && t.Outcome == TargetOutcome.Pending && t.Step == attempt.AttemptNo - 1);
        if (DeliveryStates.Reached(attempt.Status, attempt.AnsweredBy))
        {
            await pending.ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, TargetOutcome.Reached).SetProperty(t => t.OutcomeAt, now), cancellationToken);
            return;
        }

        var target = await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == attempt.TargetId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == attempt.CampaignId, cancellationToken);
        if (target is null || campaign is null || target.Outcome != TargetOutcome.Pending || campaign.Status == CampaignStatus.Cancelled)
        {
            return;
        }

        var steps = ChannelPlan.Steps(campaign, target.PreferredChannel);
        if (ChannelPlan.NextStep(steps, attempt.AttemptNo - 1, DeliveryStates.IsMachine(attempt.AnsweredBy)) is { } next)
        {
            var due = now + ChannelPlan.DelayBefore(campaign, steps, next);
            var advanced = await pending.ExecuteUpdateAsync(s => s.SetProperty(t => t.Step, next).SetProperty(t => t.DueAt, due), cancellationToken);
            if (advanced > 0)
            {
                await scheduler.EnsureSweepAsync(campaign.Id, due, cancellationToken);
            }

            return;
        }

        var unreachable = await pending.ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, TargetOutcome.Unreachable).SetProperty(t => t.OutcomeAt, now), cancellationToken);
        if (unreachable > 0)
        {
            await timeline.AppendAsync(new TimelineEntry
            {
                ResidentId = target.ResidentId,
                At = now,
                Kind = TimelineKind.Outcome,
                Channel = attempt.Channel.ToString().ToLowerInvariant(),
                CampaignId = campaign.Id,
                Text = $"Not reached for \"{campaign.Title}\" after {attempt.AttemptNo} attempt(s)",
                Outcome = "unreachable",
                ExternalRef = $"campaign-{campaign.Id}-unreachable",
                Actor = "system",
            }, cancellationToken);
        }
    }

    private IQueryable<DeliveryAttempt>? Find(StatusReport report)
        => report.AttemptId is { } id ? db.Attempts.Where(a => a.Id == id)
            : report.ProviderSid is { } sid ? db.Attempts.Where(a => a.ProviderSid == sid)
            : null;
}
