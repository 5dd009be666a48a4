using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Telephony.Voice;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Learns the fate of attempts a crash or a lost response left unknown. A decision without a SID is looked up in
/// Twilio's list of messages or calls to that number; only when Twilio has none is it sent again, after re-claiming it.
/// An attempt that never got a final status is fetched by its SID.
/// </summary>
public sealed partial class AttemptRecovery(
    CampaignsDbContext db,
    ISmsSender sms,
    ICallPlacer calls,
    DeliveryProgress progress,
    DeliveryDispatcher dispatcher,
    DeliveryTimeline timeline,
    SegmentWordings wordings,
    DispatchThrottle throttle,
    IOptions<CampaignOptions> options,
    TimeProvider time,
    ILogger<AttemptRecovery> logger)
{
    private const int BatchSize = 500;

    /// <summary>Twilio's clock and ours may differ a little; look a bit before the decision.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public async Task RecoverAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await ResolveUndecidedAsync(campaign, cancellationToken);
        await FetchStuckAsync(campaign, cancellationToken);
    }

    /// <summary>
    /// Decisions without a SID, a batch at a time: looked up at Twilio concurrently, SIDs stored for those Twilio has,
    /// and the rest re-claimed (one recoverer wins each) and sent again together.
    /// </summary>
    private async Task ResolveUndecidedAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddSeconds(-options.Value.UnknownAttemptSeconds);
        long lastId = 0;
        while (true)
        {
            var unknown = await Undecided(db, campaign.Id, lastId, cutoff).AsNoTracking().OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (unknown.Count == 0)
            {
                return;
            }

            lastId = unknown[^1].Id;
            // Decided here and still waiting for the throttle or Twilio's answer: not unknown, just slow.
            var lost = unknown.Where(a => !throttle.IsSending(a.Id)).ToList();
            var targetIds = lost.Select(a => a.TargetId).ToList();
            var targets = await db.Targets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
            var residentIds = lost.Select(a => a.ResidentId).Distinct().ToList();
            // SIDs already stored on other attempts belong to them.
            var known = (await db.Attempts.AsNoTracking().Where(a => residentIds.Contains(a.ResidentId) && a.ProviderSid != null)
                .Select(a => a.ProviderSid!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            // Residents with another attempt of unknown fate (another campaign's, swept at the same moment): a message
            // listed for them could be either attempt's, so only one whose text is this attempt's is taken as its own.
            var shared = (await db.Attempts.AsNoTracking().Where(a => residentIds.Contains(a.ResidentId) && a.ProviderSid == null && a.StatusRank == 0)
                .GroupBy(a => a.ResidentId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(cancellationToken)).ToHashSet();
            var book = await wordings.LoadAsync(campaign, cancellationToken);
            var found = new (string Sid, string Status, DateTimeOffset? At, string? Body)?[lost.Count];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForAsync(0, lost.Count, parallel, async (i, token) =>
            {
                var target = targets[lost[i].TargetId];
                var exactText = shared.Contains(lost[i].ResidentId);
                found[i] = await FindAtTwilioAsync(lost[i], target.Phone, known, exactText, () => book.Fill(target, ContactChannel.Sms), token);
            });

            var resend = new List<(DeliveryAttempt Attempt, CampaignTarget Target)>();
            var reports = new List<StatusReport>();
            for (var i = 0; i < lost.Count; i++)
            {
                var (attempt, target) = (lost[i], targets[lost[i].TargetId]);
                if (found[i] is { } sent)
                {
                    if (await ClaimFoundAsync(campaign, attempt, sent.Sid, sent.At ?? attempt.DecidedAt, sent.Body, cancellationToken))
                    {
                        LogFound(attempt.Id, PhoneMask.Mask(target.Phone), sent.Sid);
                        reports.Add(new StatusReport(attempt.Id, sent.Sid, DeliveryStates.Parse(sent.Status) ?? DeliveryStatus.Queued));
                    }
                    else
                    {
                        // Another attempt of the resident took that message first; the next sweep looks again without it.
                        LogTakenByAnother(attempt.Id, PhoneMask.Mask(target.Phone), sent.Sid);
                    }

                    continue;
                }

                // Twilio never got it. Re-claim the decision (only one recoverer wins), then send.
                var now = time.GetUtcNow();
                var reclaimed = await db.Attempts.Where(a => a.Id == attempt.Id && a.ProviderSid == null && a.StatusRank == 0 && a.DecidedAt == attempt.DecidedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.DecidedAt, now), cancellationToken);
                if (reclaimed > 0)
                {
                    LogResending(attempt.Id, PhoneMask.Mask(target.Phone));
                    attempt.DecidedAt = now;
                    resend.Add((attempt, target));
                }
            }

            await progress.ApplyAllAsync(reports, cancellationToken);
            await dispatcher.ResendAsync(campaign, resend, cancellationToken);
        }
    }

    /// <summary>
    /// A message or call to the attempt's number since its decision that no other attempt holds. An SMS whose text is the
    /// attempt's comes first; one with other text (Twilio may add an opt-out line) only when <paramref name="exactText"/> is false.
    /// </summary>
    private async Task<(string Sid, string Status, DateTimeOffset? At, string? Body)?> FindAtTwilioAsync(
        DeliveryAttempt attempt, string phone, HashSet<string> known, bool exactText, Func<string> body, CancellationToken cancellationToken)
    {
        var since = attempt.DecidedAt - ClockSkew;
        if (attempt.Channel == ContactChannel.Sms)
        {
            var text = body();
            var messages = await sms.ListSentAsync(phone, since, cancellationToken);
            var message = messages.Where(m => !known.Contains(m.MessageSid) && (!exactText || m.Body == text))
                .OrderBy(m => m.Body == text ? 0 : 1).ThenBy(m => m.DateCreated).FirstOrDefault();
            return message is null ? null : (message.MessageSid, message.Status, message.DateCreated, message.Body);
        }

        var placed = await calls.ListPlacedAsync(phone, since, cancellationToken);
        var call = placed.Where(c => !known.Contains(c.CallSid)).OrderBy(c => c.DateCreated).FirstOrDefault();
        return call is null ? null : (call.CallSid, call.Status, call.DateCreated, null);
    }

    /// <summary>
    /// Stores the SID Twilio has for an attempt that had none, unless another attempt of the same resident holds it by now:
    /// two sweeps (two campaigns, or two servers) that listed the same message at once must not both take it, or one
    /// resident would never get the other notice. Returns whether it was stored; with it, the message (the text Twilio
    /// has) or call goes on the resident's timeline, as a send written down by dispatch would.
    /// </summary>
    private async Task<bool> ClaimFoundAsync(Campaign campaign, DeliveryAttempt attempt, string sid, DateTimeOffset sentAt, string? body, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // The resident's attempts locked first, so a concurrent claim commits before the check below reads.
        await db.LockAsync(db.Attempts.Where(a => a.ResidentId == attempt.ResidentId), cancellationToken);

        var stored = await db.Attempts
            .Where(a => a.Id == attempt.Id && a.ProviderSid == null && !db.Attempts.Any(o => o.ResidentId == attempt.ResidentId && o.ProviderSid == sid))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ProviderSid, sid).SetProperty(a => a.SentAt, sentAt), cancellationToken);
        if (stored > 0)
        {
            attempt.ProviderSid = sid;
            await timeline.AppendAsync(db, [DeliveryTimeline.Sent(attempt, campaign.Title, body, sentAt)], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored > 0;
    }

    /// <summary>
    /// Attempts with a SID and no final status, asked of Twilio at most once per stuck interval each. An SMS Twilio still
    /// has as sent once the receipt window has passed ends as <see cref="DeliveryStatus.NoReceipt"/>.
    /// </summary>
    private async Task FetchStuckAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var receiptCutoff = now.AddHours(-options.Value.SmsReceiptHours);
        var stuck = await ClaimStuckAsync(campaign.Id, now, cancellationToken);
        var reports = new List<StatusReport>();
        foreach (var attempt in stuck)
        {
            var status = attempt.Channel == ContactChannel.Sms
                ? await sms.FetchStatusAsync(attempt.ProviderSid!, cancellationToken)
                : await calls.FetchStatusAsync(attempt.ProviderSid!, cancellationToken);
            if (DeliveryStates.Parse(status) is not { } parsed)
            {
                continue;
            }

            if (attempt.Channel == ContactChannel.Sms && parsed == DeliveryStatus.Sent && (attempt.SentAt ?? attempt.DecidedAt) < receiptCutoff)
            {
                parsed = DeliveryStatus.NoReceipt;
            }

            reports.Add(new StatusReport(attempt.Id, attempt.ProviderSid, parsed));
        }

        await progress.ApplyAllAsync(reports, cancellationToken);
    }

    /// <summary>
    /// The stuck attempts this sweep asks Twilio about, marked as asked in the same transaction, so that sweeps running
    /// at once (a scheduled one and a resumed one, or several servers) never ask about the same attempt twice.
    /// </summary>
    private async Task<List<DeliveryAttempt>> ClaimStuckAsync(int campaignId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddMinutes(-options.Value.StuckAttemptMinutes);
        var stuck = Stuck(db, campaignId, cutoff);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            // Lock the candidates first (a write that changes nothing), so a concurrent sweep's claim is seen by the read
            // below. SQLite's write transaction already holds the file's write lock.
            var candidates = await stuck.OrderBy(a => a.Id).Take(BatchSize).Select(a => a.Id).ToListAsync(cancellationToken);
            await db.LockAsync(db.Attempts.Where(a => candidates.Contains(a.Id)), cancellationToken);
            stuck = stuck.Where(a => candidates.Contains(a.Id));
        }

        var claimed = await stuck.AsNoTracking().OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var ids = claimed.Select(a => a.Id).ToList();
        await db.Attempts.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>
    /// Decisions of the campaign after <paramref name="afterId"/> made before <paramref name="cutoff"/> with no SID and no
    /// status yet. "Below the final rank" is the in-flight index's own condition: SQLite uses a partial index only for a
    /// query that states it.
    /// </summary>
    internal static IQueryable<DeliveryAttempt> Undecided(CampaignsDbContext db, int campaignId, long afterId, DateTimeOffset cutoff)
        => db.Attempts.Where(a => a.CampaignId == campaignId && a.StatusRank < DeliveryStates.FinalRank && a.StatusRank == 0
            && a.Id > afterId && a.ProviderSid == null && a.DecidedAt < cutoff);

    /// <summary>Attempts of the campaign with a SID and no final status, last sent or asked about before <paramref name="cutoff"/>.</summary>
    internal static IQueryable<DeliveryAttempt> Stuck(CampaignsDbContext db, int campaignId, DateTimeOffset cutoff)
        => db.Attempts.Where(a => a.CampaignId == campaignId && a.StatusRank < DeliveryStates.FinalRank && a.ProviderSid != null
            && (a.CheckedAt ?? a.SentAt ?? a.DecidedAt) < cutoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId} to {Phone} had no SID; Twilio has it as {Sid}")]
    private partial void LogFound(long attemptId, string phone, string sid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId} to {Phone} had no SID; Twilio's {Sid} was taken by another attempt first")]
    private partial void LogTakenByAnother(long attemptId, string phone, string sid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId} to {Phone} never reached Twilio; sending it now")]
    private partial void LogResending(long attemptId, string phone);
}
