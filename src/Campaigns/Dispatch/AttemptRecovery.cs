using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Storage;
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
    SegmentWordings wordings,
    DispatchThrottle throttle,
    IOptions<CampaignOptions> options,
    TimeProvider time,
    ILogger<AttemptRecovery> logger)
{
    private const int BatchSize = 200;

    /// <summary>Twilio's clock and ours may differ a little; look a bit before the decision.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public async Task RecoverAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await ResolveUndecidedAsync(campaign, cancellationToken);
        await FetchStuckAsync(campaign, cancellationToken);
    }

    private async Task ResolveUndecidedAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddSeconds(-options.Value.UnknownAttemptSeconds);
        var unknown = await db.Attempts.AsNoTracking()
            .Where(a => a.CampaignId == campaign.Id && a.ProviderSid == null && a.StatusRank == 0 && a.DecidedAt < cutoff)
            .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (unknown.Count == 0)
        {
            return;
        }

        var book = await wordings.LoadAsync(campaign, cancellationToken);
        // Decided here and still waiting for the throttle or Twilio's answer: not unknown, just slow.
        foreach (var attempt in unknown.Where(a => !throttle.IsSending(a.Id)))
        {
            var target = await db.Targets.AsNoTracking().FirstAsync(t => t.Id == attempt.TargetId, cancellationToken);
            var found = await FindAtTwilioAsync(attempt, target.Phone, () => book.Fill(target, ContactChannel.Sms), cancellationToken);
            if (found is { } sent)
            {
                LogFound(attempt.Id, PhoneMask.Mask(target.Phone), sent.Sid);
                await db.Attempts.Where(a => a.Id == attempt.Id && a.ProviderSid == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ProviderSid, sent.Sid).SetProperty(a => a.SentAt, sent.At), cancellationToken);
                await progress.ApplyAsync(new StatusReport(attempt.Id, sent.Sid, DeliveryStates.Parse(sent.Status) ?? DeliveryStatus.Queued), cancellationToken);
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
                await dispatcher.ResendAsync(campaign, attempt, target, cancellationToken);
            }
        }
    }

    private async Task<(string Sid, string Status, DateTimeOffset? At)?> FindAtTwilioAsync(DeliveryAttempt attempt, string phone, Func<string> body, CancellationToken cancellationToken)
    {
        var since = attempt.DecidedAt - ClockSkew;
        // SIDs already stored on other attempts belong to them.
        var known = await db.Attempts.AsNoTracking().Where(a => a.ResidentId == attempt.ResidentId && a.ProviderSid != null)
            .Select(a => a.ProviderSid!).ToListAsync(cancellationToken);
        if (attempt.Channel == ContactChannel.Sms)
        {
            var text = body();
            var messages = await sms.ListSentAsync(phone, since, cancellationToken);
            var message = messages.Where(m => !known.Contains(m.MessageSid)).OrderBy(m => m.Body == text ? 0 : 1).ThenBy(m => m.DateCreated).FirstOrDefault();
            return message is null ? null : (message.MessageSid, message.Status, message.DateCreated);
        }

        var placed = await calls.ListPlacedAsync(phone, since, cancellationToken);
        var call = placed.Where(c => !known.Contains(c.CallSid)).OrderBy(c => c.DateCreated).FirstOrDefault();
        return call is null ? null : (call.CallSid, call.Status, call.DateCreated);
    }

    private async Task FetchStuckAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddMinutes(-options.Value.StuckAttemptMinutes);
        var stuck = await db.Attempts.AsNoTracking()
            .Where(a => a.CampaignId == campaign.Id && a.ProviderSid != null && a.StatusRank < DeliveryStates.FinalRank && a.SentAt < cutoff)
            .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var attempt in stuck)
        {
            var status = attempt.Channel == ContactChannel.Sms
                ? await sms.FetchStatusAsync(attempt.ProviderSid!, cancellationToken)
                : await calls.FetchStatusAsync(attempt.ProviderSid!, cancellationToken);
            if (DeliveryStates.Parse(status) is { } parsed)
            {
                await progress.ApplyAsync(new StatusReport(attempt.Id, attempt.ProviderSid, parsed), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId} to {Phone} had no SID; Twilio has it as {Sid}")]
    private partial void LogFound(long attemptId, string phone, string sid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId} to {Phone} never reached Twilio; sending it now")]
    private partial void LogResending(long attemptId, string phone);
}
