using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Conversations;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;
using Outreach.Residents.Timeline;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Campaigns.Inbound;

/// <summary>
/// Runs the agent on an inbound SMS and texts its reply: the resident is found by number, the conversation bound to
/// their latest campaign, the turn written to their timeline and the reply sent at most once.
/// </summary>
public sealed partial class InboundSmsJob(
    CampaignsDbContext db,
    ResidentDirectory directory,
    ConversationBinder binder,
    ConversationRecorder recorder,
    IResidentAgent agent,
    ISmsSender sms,
    CampaignTexts texts,
    TimeProvider time,
    ILogger<InboundSmsJob> logger)
{
    public async Task ProcessAsync(long inboundMessageId, CancellationToken cancellationToken)
    {
        var message = await db.InboundMessages.FirstOrDefaultAsync(m => m.Id == inboundMessageId, cancellationToken);
        if (message is null || message.ProcessedAt is not null)
        {
            return;
        }

        var resident = await directory.FindByPhoneAsync(message.From, cancellationToken);
        string? reply;
        if (resident is null)
        {
            LogUnknownNumber(PhoneMask.Mask(message.From));
            reply = texts.Get("zh-CN", "unknown-sms");
        }
        else
        {
            reply = await ConverseAsync(message, resident, cancellationToken);
        }

        if (reply is not null)
        {
            await ReplyOnceAsync(message, reply, cancellationToken);
        }

        message.ProcessedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string?> ConverseAsync(InboundMessage message, Resident resident, CancellationToken cancellationToken)
    {
        var (notice, actions) = await binder.BindAsync(resident.Id, resident.CommunityId, null, ContactChannel.Sms, message.MessageSid, cancellationToken);
        var answer = await agent.RespondAsync(new ConversationRequest(resident.Id, ContactChannel.Sms, message.Body, null, notice, actions, message.MessageSid), cancellationToken);
        await recorder.RecordAsync(actions.Binding, TimelineKind.InboundMessage, message.Body, answer, message.MessageSid, cancellationToken);
        if (actions.Binding.CampaignId is { } campaignId)
        {
            var now = time.GetUtcNow();
            await db.Targets.Where(t => t.CampaignId == campaignId && t.ResidentId == resident.Id && t.RepliedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RepliedAt, now), cancellationToken);
            // An agent that interpreted an answer without recording it still lands it in the campaign.
            if (answer.Outcome is ResidentOutcome.Confirmed or ResidentOutcome.Declined or ResidentOutcome.OptionChosen or ResidentOutcome.FreeAnswer
                && !await db.Targets.AnyAsync(t => t.CampaignId == campaignId && t.ResidentId == resident.Id && t.Outcome != TargetOutcome.Pending && t.Outcome != TargetOutcome.Reached, cancellationToken))
            {
                await actions.RecordResponseAsync(answer.Outcome, answer.Option, message.Body, cancellationToken);
            }
        }

        message.ResidentId = resident.Id;
        message.CampaignId = actions.Binding.CampaignId;
        message.Outcome = ConversationRecorder.OutcomeName(answer.Outcome);
        return answer.Reply;
    }

    /// <summary>The decision to reply is recorded first; a re-run of the job never texts the resident twice.</summary>
    private async Task ReplyOnceAsync(InboundMessage message, string reply, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await db.InboundMessages.Where(m => m.Id == message.Id && m.ReplyDecidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReplyDecidedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var sent = await sms.SendAsync(new OutboundSms(message.From, reply), cancellationToken);
        message.ReplySid = sent.MessageSid;
        if (!sent.Accepted)
        {
            LogReplyNotSent(PhoneMask.Mask(message.From), sent.Disposition, sent.ErrorCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS from unknown number {Phone} answered politely")]
    private partial void LogUnknownNumber(string phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply to {Phone} not sent: {Disposition} ({ErrorCode})")]
    private partial void LogReplyNotSent(string phone, SendDisposition disposition, int? errorCode);
}
