using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Timeline;
using Outreach.Storage;

namespace Outreach.Campaigns.Delivery;

/// <summary>
/// Moves attempts forward through the delivery state machine and, when an attempt ends, moves its resident along
/// the channel plan. Statuses are applied many at a time in one transaction; every change is conditional on the
/// attempt's rank, so a repeated or late status changes nothing, and writes nothing to the timeline.
/// </summary>
public sealed class DeliveryProgress(CampaignsDbContext db, CampaignScheduler scheduler, DeliveryTimeline timeline, CampaignCompletion completion, TimeProvider time)
{
    /// <summary>Applies a status; returns true when it moved the attempt forward.</summary>
    public async Task<bool> ApplyAsync(StatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await ApplyAllAsync([report], cancellationToken) > 0;
    }

    /// <summary>Applies statuses in one transaction; returns how many attempts moved forward.</summary>
    public Task<int> ApplyAllAsync(IReadOnlyList<StatusReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports.Count == 0 ? Task.FromResult(0) : ApplyAllAsync(() => reports, cancellationToken);
    }

    /// <summary>
    /// Applies, in one transaction, the statuses <paramref name="take"/> gives once the transaction has begun: on SQLite
    /// after this process's turn at the write gate, so that statuses that came in while waiting are written too.
    /// Returns how many attempts moved forward.
    /// </summary>
    public async Task<int> ApplyAllAsync(Func<IReadOnlyList<StatusReport>> take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(take);
        var (moved, ended) = await MoveAsync(take, cancellationToken);
        // After the write transaction, which holds the process's SQLite write gate: a read per campaign, and once per
        // campaign a one-statement update.
        foreach (var campaignId in ended.Select(a => a.CampaignId).Distinct())
        {
            await completion.TryCompleteAsync(campaignId, cancellationToken);
        }

        return moved;
    }

    private static readonly string[] MovedColumns =
    [
        nameof(DeliveryAttempt.Status), nameof(DeliveryAttempt.StatusRank), nameof(DeliveryAttempt.FinalAt),
        nameof(DeliveryAttempt.ErrorCode), nameof(DeliveryAttempt.AnsweredBy),
    ];

    private static readonly string[] ReachedColumns = [nameof(CampaignTarget.Outcome), nameof(CampaignTarget.OutcomeAt)];

    private static readonly RowGuard[] StillPendingOnStep = [RowGuard.Is(nameof(CampaignTarget.Outcome), TargetOutcome.Pending), RowGuard.Same(nameof(CampaignTarget.Step))];

    private static readonly string[] MovedColumnsWithSid = [.. MovedColumns, nameof(DeliveryAttempt.ProviderSid)];

    /// <summary>Moves the attempts forward in one transaction; returns how many moved and those that ended.</summary>
    private async Task<(int Moved, List<DeliveryAttempt> Ended)> MoveAsync(Func<IReadOnlyList<StatusReport>> take, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var best = HighestPerAttempt(take());
        if (best.Count == 0)
        {
            return (0, []);
        }

        var ids = best.Keys.ToList();
        var now = time.GetUtcNow();
        // Locked first, so the ranks read next are the ones this transaction moves from, also with several servers on
        // PostgreSQL: exactly one of them moves each attempt.
        await db.LockAsync(db.Attempts.Where(a => ids.Contains(a.Id)), cancellationToken);

        var moved = (await db.FindRowsAsync<DeliveryAttempt, long>(ids, cancellationToken))
            .Where(a => DeliveryStates.Rank(best[a.Id].Status) > a.StatusRank).ToList();
        var sidLearned = new List<DeliveryAttempt>();
        var sidKept = new List<DeliveryAttempt>(moved.Count);
        foreach (var attempt in moved)
        {
            (attempt.ProviderSid is null ? sidLearned : sidKept).Add(attempt);
            TakeReport(attempt, best[attempt.Id], now);
        }

        // One prepared statement, row by row: the rows are locked and their new values decided above. The SID is only
        // written where this report brought it: SQLite rewrites an index entry for every column it sets, changed or
        // not, and SIDs are random, so setting a SID to itself would dirty one page of that index per callback.
        await db.UpdateRowsAsync(sidKept, MovedColumns, cancellationToken);
        await db.UpdateRowsAsync(sidLearned, MovedColumnsWithSid, cancellationToken);
        var ended = moved.Where(a => a.StatusRank == DeliveryStates.FinalRank).ToList();
        await timeline.EndAsync(db, ended, now, cancellationToken);
        await FinishAttemptsAsync(ended, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (moved.Count, ended);
    }

    /// <summary>Records Twilio's answering-machine verdict as soon as the call is answered.</summary>
    public Task RecordAnsweredByAsync(long attemptId, string answeredBy, CancellationToken cancellationToken)
        => db.Attempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(s => s.SetProperty(a => a.AnsweredBy, answeredBy), cancellationToken);

    /// <summary>Only the highest-ranked report per attempt can matter (of equal ones, the first), with what the others added.</summary>
    private static Dictionary<long, StatusReport> HighestPerAttempt(IReadOnlyList<StatusReport> reports)
    {
        var best = new Dictionary<long, StatusReport>(reports.Count);
        foreach (var report in reports)
        {
            best[report.AttemptId] = best.TryGetValue(report.AttemptId, out var kept) ? kept.Over(report) : report;
        }

        return best;
    }

    /// <summary>
    /// The attempt's new status, and what a report adds besides it: the SID of an attempt that had none yet, an error
    /// code, the answering-machine verdict, and when it ended.
    /// </summary>
    private static void TakeReport(DeliveryAttempt attempt, StatusReport report, DateTimeOffset now)
    {
        attempt.Status = report.Status;
        attempt.StatusRank = DeliveryStates.Rank(report.Status);
        if (attempt.StatusRank == DeliveryStates.FinalRank)
        {
            attempt.FinalAt ??= now;
        }

        attempt.ProviderSid ??= report.ProviderSid;
        attempt.ErrorCode = report.ErrorCode ?? attempt.ErrorCode;
        attempt.AnsweredBy = report.AnsweredBy ?? attempt.AnsweredBy;
    }

    /// <summary>The attempts ended: their residents were reached, or the plan moves on, or it ran out.</summary>
    private async Task FinishAttemptsAsync(IReadOnlyList<DeliveryAttempt> ended, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Reached: only targets still pending on the step of this attempt.
        var reached = ended.Where(a => DeliveryStates.Reached(a.Status, a.AnsweredBy))
            .Select(a => ReachedOutcome(a, now)).ToList();
        await db.UpdateRowsWhereAsync(reached, ReachedColumns, StillPendingOnStep, cancellationToken);

        foreach (var attempt in ended.Where(a => !DeliveryStates.Reached(a.Status, a.AnsweredBy)))
        {
            await MoveAlongPlanAsync(attempt, now, cancellationToken);
        }
    }

    /// <summary>The row that marks an attempt's target reached: its key, the step the attempt was, and the outcome (nothing else is written).</summary>
    private static CampaignTarget ReachedOutcome(DeliveryAttempt attempt, DateTimeOffset now) => new()
    {
        Id = attempt.TargetId,
        Step = attempt.AttemptNo - 1,
        Outcome = TargetOutcome.Reached,
        OutcomeAt = now,
        Name = string.Empty,
        Phone = string.Empty,
        Language = string.Empty,
        Segment = string.Empty,
    };

    /// <summary>Not reached: the next step of the channel plan is due after its delay, or the resident is unreachable.</summary>
    private async Task MoveAlongPlanAsync(DeliveryAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = db.Targets.Where(t => t.Id == attempt.TargetId && t.Outcome == TargetOutcome.Pending && t.Step == attempt.AttemptNo - 1);
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
            await timeline.AppendAsync(db, [new TimelineEntry
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
            }], cancellationToken);
        }
    }
}
