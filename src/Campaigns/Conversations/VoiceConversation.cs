using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;
using Outreach.Residents.Timeline;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Telephony.Voice;
using Outreach.Telephony.Webhooks;

namespace Outreach.Campaigns.Conversations;

/// <summary>
/// Decides each turn of a call. Answered notice call: the notice in the resident's language and the prompt to press
/// 1/2 or ask; a voicemail: a short message, then the plan moves on (e.g. to SMS); each answer goes to the agent.
/// Inbound calls are bound to the caller's record; unknown callers are answered politely.
/// </summary>
public sealed partial class VoiceConversation(
    CampaignsDbContext db,
    ResidentDirectory directory,
    SegmentWordings wordings,
    ConversationBinder binder,
    ConversationRecorder recorder,
    DeliveryProgress progress,
    IResidentAgent agent,
    CampaignTexts texts,
    ILogger<VoiceConversation> logger) : IVoiceConversation
{
    public async Task<VoiceTurn> NextTurnAsync(CallInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = await FindNoticeCallAsync(input.Reference, cancellationToken);
        if (call is { } notice)
        {
            return input.IsAnswer ? await AnswerNoticeCallAsync(input, notice.Attempt, notice.Target, notice.Campaign, cancellationToken)
                : await ConverseAsync(input, notice.Target.ResidentId, notice.Target.CommunityId, notice.Target.Language, notice.Campaign.Id, cancellationToken);
        }

        var resident = await directory.FindByPhoneAsync(input.From, cancellationToken);
        if (resident is null)
        {
            LogUnknownCaller(PhoneMask.Mask(input.From));
            return new VoiceTurn(texts.Get("zh-CN", "unknown-caller") + " " + texts.Get("en", "unknown-caller"), "zh-CN", VoiceNext.Hangup);
        }

        var language = CampaignTexts.LanguageOf(resident.Language);
        return input.IsAnswer
            ? new VoiceTurn(texts.Get(language, "call-prompt-none"), language, VoiceNext.Gather, Reprompt: texts.Get(language, "call-reprompt"), Goodbye: texts.Get(language, "call-goodbye"))
            : await ConverseAsync(input, resident.Id, resident.CommunityId, resident.Language, null, cancellationToken);
    }

    private async Task<(DeliveryAttempt Attempt, CampaignTarget Target, Campaign Campaign)?> FindNoticeCallAsync(string? reference, CancellationToken cancellationToken)
    {
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var attemptId))
        {
            return null;
        }

        var attempt = await db.Attempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        var target = await db.Targets.AsNoTracking().FirstAsync(t => t.Id == attempt.TargetId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == attempt.CampaignId, cancellationToken);
        return (attempt, target, campaign);
    }

    private async Task<VoiceTurn> AnswerNoticeCallAsync(CallInput input, DeliveryAttempt attempt, CampaignTarget target, Campaign campaign, CancellationToken cancellationToken)
    {
        var language = CampaignTexts.LanguageOf(target.Language);
        if (DeliveryStates.IsMachine(input.AnsweredBy))
        {
            // The completed call then counts as not reached, and the plan moves on (to SMS where it has one).
            await progress.RecordAnsweredByAsync(attempt.Id, input.AnsweredBy!, cancellationToken);
            return new VoiceTurn(texts.Get(language, "voicemail", ("name", target.Name), ("title", campaign.Title)), language, VoiceNext.Hangup);
        }

        var book = await wordings.LoadAsync(campaign, cancellationToken);
        var spoken = book.Fill(target, ContactChannel.Voice);
        return new VoiceTurn($"{spoken} {Prompt(language, campaign)}", language, VoiceNext.Gather,
            Reprompt: texts.Get(language, "call-reprompt"), Goodbye: texts.Get(language, "call-goodbye"));
    }

    private string Prompt(string language, Campaign campaign) => campaign.ResponseKind switch
    {
        ResponseKind.ConfirmDecline => texts.Get(language, "call-prompt-confirm-decline"),
        ResponseKind.Option => texts.Get(language, "call-prompt-option", ("options", string.Join(language == "zh-CN" ? "，" : ", ",
            campaign.Options.Select((option, i) => texts.Get(language, "option-item", ("choice", (i + 1).ToString(CultureInfo.InvariantCulture)), ("option", option)))))),
        ResponseKind.FreeAnswer => texts.Get(language, "call-prompt-free-answer"),
        _ => texts.Get(language, "call-prompt-none"),
    };

    private async Task<VoiceTurn> ConverseAsync(CallInput input, int residentId, int communityId, string residentLanguage, int? campaignId, CancellationToken cancellationToken)
    {
        var turnRef = TurnRef(input);
        var (notice, actions) = await binder.BindAsync(residentId, communityId, campaignId, ContactChannel.Voice, turnRef, cancellationToken);
        var said = input.SpeechResult ?? input.Digits ?? string.Empty;
        var answer = await agent.RespondAsync(new ConversationRequest(residentId, ContactChannel.Voice, said, input.Digits, notice, actions, turnRef), cancellationToken);
        await recorder.RecordAsync(actions.Binding, TimelineKind.CallTurn, said, answer, turnRef, cancellationToken);
        var language = CampaignTexts.LanguageOf(string.IsNullOrEmpty(answer.Language) ? residentLanguage : answer.Language);
        var reply = answer.Reply ?? texts.Get(language, "call-goodbye");
        return answer.Next switch
        {
            ConversationNext.Continue => new VoiceTurn(reply, language, VoiceNext.Gather, Reprompt: texts.Get(language, "call-reprompt"), Goodbye: texts.Get(language, "call-goodbye")),
            ConversationNext.HandOffToPerson when await OnDutyPhoneAsync(communityId, cancellationToken) is { } phone => new VoiceTurn(reply, language, VoiceNext.Dial, DialNumber: phone),
            _ => new VoiceTurn(reply, language, VoiceNext.Hangup),
        };
    }

    private async Task<string?> OnDutyPhoneAsync(int communityId, CancellationToken cancellationToken)
        => await directory.Residents.Where(r => r.CommunityId == communityId).Select(r => r.Community!.OnDutyPhone).FirstOrDefaultAsync(cancellationToken);

    /// <summary>One reference per call turn: the CallSid and a short hash of what was said, so a retried webhook records nothing twice.</summary>
    private static string TurnRef(CallInput input)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{input.SpeechResult}|{input.Digits}"));
        return $"{input.CallSid}:{Convert.ToHexString(hash, 0, 6)}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call from unknown number {Phone} answered politely")]
    private partial void LogUnknownCaller(string phone);
}
