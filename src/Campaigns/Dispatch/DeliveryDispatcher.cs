using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;
using Outreach.Residents.Timeline;
using Outreach.Storage;
using Outreach.Telephony;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Telephony.Voice;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Contacts the due targets of a campaign, batch by batch: first the decision (the attempt row, under its unique
/// index), then Twilio, then the SIDs, written back per batch. Stops between batches when the campaign is paused or
/// cancelled, or when quiet hours begin.
/// </summary>
public sealed partial class DeliveryDispatcher(
    CampaignsDbContext db,
    SegmentWordings wordings,
    ISmsSender sms,
    ICallPlacer calls,
    DispatchThrottle throttle,
    DeliveryProgress progress,
    DeliveryTimeline timeline,
    CampaignScheduler scheduler,
    ResidentConsent consent,
    IOptions<CampaignOptions> options,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger)
{
    /// <summary>Dispatches the due targets of one chunk, or the campaign's due follow-ups when <paramref name="chunkNo"/> is null.</summary>
    public async Task<DispatchStop> DispatchDueAsync(int campaignId, int? chunkNo, CancellationToken cancellationToken)
    {
        var batchSize = BatchSize();
        WordingBook? book = null;
        long lastId = 0;
        // A batch's sends are written down in the transaction that decides the next batch (one commit per batch, not
        // two), or in one of their own when no batch follows. Until then their attempts stay marked as being sent here,
        // so recovery leaves them be.
        SentBatch? unrecorded = null;
        Campaign? campaign = null;
        try
        {
            while (true)
            {
                campaign = await CurrentAsync(campaignId, campaign, cancellationToken);
                var now = time.GetUtcNow();
                var stop = campaign.Status != CampaignStatus.Running ? DispatchStop.Stopped
                    : QuietHours.OpensAt(now, campaign.QuietFrom, campaign.QuietUntil, campaign.TimeZone) is { } opens ? DispatchStop.Quiet(opens)
                    : null;
                var batch = stop is null
                    ? await Due(db, campaign, chunkNo, lastId, now).AsNoTracking().OrderBy(t => t.Id).Take(batchSize).ToListAsync(cancellationToken)
                    : [];
                if (batch.Count == 0)
                {
                    if (unrecorded is not null)
                    {
                        await RecordAsync(unrecorded.Campaign, unrecorded.Outcomes, cancellationToken);
                    }

                    return stop ?? DispatchStop.Done;
                }

                lastId = batch[^1].Id;
                book ??= await wordings.LoadAsync(campaign, cancellationToken);
                var allowed = await DeferCappedAsync(campaign, batch, now, cancellationToken);
                var owned = await DecideAsync(campaign, allowed, now, unrecorded, cancellationToken);
                if (unrecorded is { } written)
                {
                    throttle.Sending(written.Ids, sending: false);
                    unrecorded = null;
                    await AfterRecordAsync(written.Campaign, written.Outcomes, cancellationToken);
                }

                // Held before sending, so that the attempts are let go of (finally) even if the sending fails.
                unrecorded = new SentBatch(campaign, [.. owned.Select(o => o.Attempt.Id)], []);
                throttle.Sending(unrecorded.Ids, sending: true);
                unrecorded = unrecorded with { Outcomes = await SendAsync(book, owned, cancellationToken) };
            }
        }
        finally
        {
            if (unrecorded is not null)
            {
                throttle.Sending(unrecorded.Ids, sending: false);
            }
        }
    }

    /// <summary>
    /// The campaign as it is now: the whole definition the first time, then only what changes while it runs (its status,
    /// and when its audience was snapshotted), read before each batch so that pause and cancel act between batches.
    /// </summary>
    private async Task<Campaign> CurrentAsync(int campaignId, Campaign? read, CancellationToken cancellationToken)
    {
        if (read is null)
        {
            return await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, cancellationToken);
        }

        var now = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => new { c.Status, c.SnapshotAt }).FirstAsync(cancellationToken);
        (read.Status, read.SnapshotAt) = (now.Status, now.SnapshotAt);
        return read;
    }

    /// <summary>
    /// The targets after <paramref name="afterId"/> due by <paramref name="now"/>: a chunk's first contacts, or (no chunk)
    /// the follow-ups the sweep sends, those due again after the snapshot.
    /// </summary>
    internal static IQueryable<CampaignTarget> Due(CampaignsDbContext db, Campaign campaign, int? chunkNo, long afterId, DateTimeOffset now)
    {
        var due = db.Targets.Where(t => t.CampaignId == campaign.Id && t.Id > afterId && t.DueAt != null && t.DueAt <= now);
        var snapshotAt = campaign.SnapshotAt ?? now;
        return chunkNo is { } chunk ? due.Where(t => t.ChunkNo == chunk) : due.Where(t => t.DueAt > snapshotAt);
    }

    /// <summary>Sends attempts again whose earlier requests provably never reached Twilio (see <see cref="AttemptRecovery"/>).</summary>
    public async Task ResendAsync(Campaign campaign, IReadOnlyList<(DeliveryAttempt Attempt, CampaignTarget Target)> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return;
        }

        var ids = attempts.Select(a => a.Attempt.Id).ToList();
        throttle.Sending(ids, sending: true);
        try
        {
            var book = await wordings.LoadAsync(campaign, cancellationToken);
            var outcomes = await SendAsync(book, attempts, cancellationToken);
            await RecordAsync(campaign, outcomes, cancellationToken);
        }
        finally
        {
            throttle.Sending(ids, sending: false);
        }
    }

    private static readonly string[] SentColumns = [nameof(DeliveryAttempt.ProviderSid), nameof(DeliveryAttempt.SentAt)];

    private static readonly string[] QueuedColumns = [.. SentColumns, .. DeliveryStates.StatusColumns];

    private static readonly string[] DueColumns = [nameof(CampaignTarget.DueAt)];

    /// <summary>
    /// A decision goes to Twilio within half the unknown-attempt grace: it is checked against this window, then waits at
    /// most <see cref="TwilioOptions.SlotWaitBeforeCreate"/> for one of the process's Twilio request slots (or is refused
    /// unsent), and a request gives up after 30 seconds, so with the default grace of 60 seconds no request is still in
    /// flight when recovery (on any server) looks the decision up. A grace too short for that (under 60 s, which
    /// CampaignOptions advises against with several servers) keeps its whole half when the slot wait would take most of it.
    /// </summary>
    private TimeSpan SendWindow
    {
        get
        {
            var half = TimeSpan.FromSeconds(options.Value.UnknownAttemptSeconds / 2.0);
            return half > 2 * TwilioOptions.SlotWaitBeforeCreate ? half - TwilioOptions.SlotWaitBeforeCreate : half;
        }
    }

    private int BatchSize()
    {
        var size = options.Value.BatchSize;
        // With a throttle, a batch takes at most about two seconds, so pause and cancel still act within seconds.
        return throttle.SlowestRate is { } rate ? Math.Clamp((int)(rate * 2), 1, size) : size;
    }

    /// <summary>Residents at their daily contact cap wait for the next street-local day.</summary>
    private async Task<IReadOnlyList<CampaignTarget>> DeferCappedAsync(Campaign campaign, List<CampaignTarget> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (campaign.DailyCap is not { } cap)
        {
            return batch;
        }

        var dayStart = QuietHours.StartOfDay(now, campaign.TimeZone);
        var residentIds = batch.Select(t => t.ResidentId).ToList();
        var counts = await db.Attempts.AsNoTracking()
            .Where(a => residentIds.Contains(a.ResidentId) && a.DecidedAt >= dayStart)
            .GroupBy(a => a.ResidentId).Select(g => new { ResidentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ResidentId, g => g.Count, cancellationToken);
        var capped = batch.Where(t => counts.GetValueOrDefault(t.ResidentId) >= cap).Select(t => t.Id).ToList();
        if (capped.Count == 0)
        {
            return batch;
        }

        var tomorrow = dayStart.AddDays(1);
        await db.Targets.Where(t => capped.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, tomorrow), cancellationToken);
        await scheduler.EnsureSweepAsync(campaign.Id, tomorrow, cancellationToken);
        return batch.Where(t => !capped.Contains(t.Id)).ToList();
    }

    /// <summary>
    /// Records the decision to contact: attempts this worker inserts are its to send; the rest belong to someone else.
    /// The previous batch's sends, if any, are written down in the same transaction.
    /// </summary>
    private async Task<IReadOnlyList<(DeliveryAttempt Attempt, CampaignTarget Target)>> DecideAsync(
        Campaign campaign, IReadOnlyList<CampaignTarget> batch, DateTimeOffset now, SentBatch? previous, CancellationToken cancellationToken)
    {
        var byAttempt = new Dictionary<DeliveryAttempt, CampaignTarget>(batch.Count, ReferenceEqualityComparer.Instance);
        foreach (var target in batch)
        {
            var steps = ChannelPlan.Steps(campaign, target.PreferredChannel);
            if (target.Step >= steps.Count)
            {
                continue;
            }

            byAttempt[new DeliveryAttempt
            {
                CampaignId = campaign.Id,
                ResidentId = target.ResidentId,
                TargetId = target.Id,
                AttemptNo = target.Step + 1,
                Channel = steps[target.Step],
                Status = DeliveryStatus.Decided,
                DecidedAt = now,
            }] = target;
        }

        // Attempts this worker inserts are its to send; the unique (campaign, resident, attempt number) index skips the rest.
        // In the same transaction: those targets are no longer due; their attempts' outcomes decide what comes next.
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        if (previous is not null)
        {
            await WriteSendsAsync(previous.Campaign, previous.Outcomes, cancellationToken);
        }

        var inserted = await db.InsertRowsAsync([.. byAttempt.Keys], cancellationToken);
        var decided = inserted.Select(a => byAttempt[a]).ToList();
        decided.ForEach(t => t.DueAt = null);
        await db.UpdateRowsAsync(decided, DueColumns, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. inserted.Select(a => (a, byAttempt[a]))];
    }

    private async Task<IReadOnlyList<SendOutcome>> SendAsync(WordingBook book, IReadOnlyList<(DeliveryAttempt Attempt, CampaignTarget Target)> owned, CancellationToken cancellationToken)
    {
        var outcomes = new SendOutcome[owned.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, owned.Count, parallel, async (i, token) =>
            outcomes[i] = await SendOneAsync(book, owned[i].Attempt, owned[i].Target, token));
        return outcomes;
    }

    private async Task<SendOutcome> SendOneAsync(WordingBook book, DeliveryAttempt attempt, CampaignTarget target, CancellationToken cancellationToken)
    {
        var reference = attempt.Id.ToString(CultureInfo.InvariantCulture);
        using var turn = await throttle.WaitAsync(attempt.Channel, attempt.Id, cancellationToken);
        if (time.GetUtcNow() - attempt.DecidedAt > SendWindow)
        {
            // Another server's recovery may soon take this decision for unknown: it is left to recovery, which looks at Twilio first.
            throttle.CallEnded(attempt.Id);
            LogTooLate(attempt.Id);
            return new SendOutcome(attempt, target, SendDisposition.Unknown, null, null, null);
        }

        // When it was sent, as the attempt and the timeline keep it: before the request, so before any status callback
        // about it, whenever the batch gets to write it down.
        var requestedAt = time.GetUtcNow();
        try
        {
            if (attempt.Channel == ContactChannel.Sms)
            {
                var body = book.Fill(target, ContactChannel.Sms);
                var sent = await sms.SendAsync(new OutboundSms(target.Phone, body, reference), cancellationToken);
                attempt.SentAt = sent.Disposition == SendDisposition.Accepted ? requestedAt : null;
                return new SendOutcome(attempt, target, sent.Disposition, sent.MessageSid, sent.ErrorCode, sent.RetryAfter, body);
            }

            var placed = await calls.PlaceAsync(new OutboundCall(target.Phone, reference), cancellationToken);
            attempt.SentAt = placed.Accepted ? requestedAt : null;
            if (!placed.Accepted)
            {
                throttle.CallEnded(attempt.Id);
            }

            return new SendOutcome(attempt, target, placed.Disposition, placed.CallSid, placed.ErrorCode, placed.RetryAfter);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whether Twilio took it is unknown: the attempt keeps its decision and recovery looks it up, never resends blindly.
            LogSendFailed(ex, attempt.Id, PhoneMask.Mask(target.Phone));
            return new SendOutcome(attempt, target, SendDisposition.Unknown, null, null, null);
        }
    }

    /// <summary>Writes the sends down in a transaction of their own, then does what follows from them.</summary>
    private async Task RecordAsync(Campaign campaign, IReadOnlyList<SendOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            await WriteSendsAsync(campaign, outcomes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await AfterRecordAsync(campaign, outcomes, cancellationToken);
    }

    /// <summary>
    /// In the caller's write transaction: the SIDs, the queued status and the timeline's outbound entries of the messages
    /// and calls Twilio took, which therefore commit together (a crash leaves all or none).
    /// </summary>
    private async Task WriteSendsAsync(Campaign campaign, IReadOnlyList<SendOutcome> outcomes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var accepted = outcomes.Where(o => o.Disposition == SendDisposition.Accepted && o.Sid is not null).ToList();
        if (accepted.Count == 0)
        {
            return;
        }

        foreach (var outcome in accepted)
        {
            outcome.Attempt.ProviderSid = outcome.Sid;
            outcome.Attempt.SentAt ??= now;
        }

        // The SID, the send time and the queued status in one statement per attempt; an attempt a status callback
        // already moved further (it came before this commit) keeps its status and gets the SID and send time alone, and,
        // if that status ended it, the text of the timeline entry the status wrote.
        var sent = accepted.Select(o => o.Attempt).ToList();
        sent.ForEach(a => (a.Status, a.StatusRank) = (DeliveryStatus.Queued, DeliveryStates.Rank(DeliveryStatus.Queued)));
        var queued = await db.UpdateRowsWhereAsync(sent, QueuedColumns, DeliveryStates.ForwardOnly, cancellationToken);
        List<DeliveryAttempt> further = [];
        if (queued.Count < sent.Count)
        {
            further = [.. sent.Except(queued)];
            await db.UpdateRowsAsync(further, SentColumns, cancellationToken);
        }

        var entries = accepted.Select(o => DeliveryTimeline.Sent(o.Attempt, campaign.Title, o.Body, o.Attempt.SentAt!.Value)).ToList();
        List<TimelineEntry> endedFirst = further.Count == 0 ? [] : [.. entries.Where((_, i) => further.Contains(accepted[i].Attempt))];
        await timeline.SentAsync(db, entries, endedFirst, cancellationToken);
    }

    /// <summary>
    /// Once the sends are written down: targets Twilio throttled are due again later, attempts of unknown fate get a
    /// sweep, and refused ones end (an opted-out recipient is opted out).
    /// </summary>
    private async Task AfterRecordAsync(Campaign campaign, IReadOnlyList<SendOutcome> outcomes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RescheduleThrottledAsync(campaign, outcomes.Where(o => o.Disposition == SendDisposition.Throttled).ToList(), now, cancellationToken);
        if (outcomes.Any(o => o.Disposition == SendDisposition.Unknown || (o.Disposition == SendDisposition.Accepted && o.Sid is null)))
        {
            await scheduler.EnsureSweepAsync(campaign.Id, now.AddSeconds(options.Value.UnknownAttemptSeconds), cancellationToken);
        }

        var refused = outcomes.Where(o => o.Disposition is SendDisposition.InvalidRecipient or SendDisposition.Rejected or SendDisposition.RecipientOptedOut).ToList();
        foreach (var outcome in refused.Where(o => o.Disposition == SendDisposition.RecipientOptedOut))
        {
            await db.Targets.Where(t => t.Id == outcome.Target.Id && t.Outcome == TargetOutcome.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, TargetOutcome.OptedOut).SetProperty(t => t.OutcomeAt, now), cancellationToken);
            await consent.OptOutAsync(outcome.Target.ResidentId, "carrier", outcome.Attempt.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        await progress.ApplyAllAsync([.. refused.Select(o => new StatusReport(o.Attempt.Id, null, DeliveryStatus.Failed, o.ErrorCode))], cancellationToken);
    }

    /// <summary>Twilio said "too many requests": the decision is withdrawn (nothing was sent) and the target is due again after Retry-After.</summary>
    private async Task RescheduleThrottledAsync(Campaign campaign, List<SendOutcome> throttled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (throttled.Count == 0)
        {
            return;
        }

        var retryAfter = throttled.Max(o => o.RetryAfter ?? TimeSpan.FromSeconds(1));
        foreach (var channel in throttled.Select(o => o.Attempt.Channel).Distinct())
        {
            throttle.Pause(channel, retryAfter);
        }

        var due = now + retryAfter;
        var attemptIds = throttled.Select(o => o.Attempt.Id).ToList();
        var targetIds = throttled.Select(o => o.Target.Id).ToList();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await db.Attempts.Where(a => attemptIds.Contains(a.Id) && a.ProviderSid == null && a.StatusRank == 0).ExecuteDeleteAsync(cancellationToken);
        await db.Targets.Where(t => targetIds.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, due), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await scheduler.EnsureSweepAsync(campaign.Id, due, cancellationToken);
    }

    /// <summary>A batch being sent, or sent and not yet written down: its attempts, and what Twilio answered for each.</summary>
    private sealed record SentBatch(Campaign Campaign, IReadOnlyList<long> Ids, IReadOnlyList<SendOutcome> Outcomes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId} waited too long to be sent; recovery will look it up and send it")]
    private partial void LogTooLate(long attemptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending attempt {AttemptId} to {Phone} failed; its fate will be looked up before any resend")]
    private partial void LogSendFailed(Exception exception, long attemptId, string phone);
}
