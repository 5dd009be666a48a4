using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Outreach.Agent.Conversations;
using Outreach.Agent.Prompts;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
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
    CallParties parties,
    ResidentDirectory directory,
    SegmentWordings wordings,
    ConversationBinder binder,
    ConversationRecorder recorder,
    DeliveryProgress progress,
    IResidentAgent agent,
    PromptLibrary prompts,
    ResidentProfiles profiles,
    CampaignTexts texts,
    ILogger<VoiceConversation> logger) : IVoiceConversation
{
    public async Task<VoiceTurn> NextTurnAsync(CallInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await parties.FindNoticeCallAsync(input.Reference, cancellationToken) is { } call)
        {
            return input.IsAnswer
                ? await AnswerNoticeCallAsync(input, call.Attempt, call.Target, call.Campaign, cancellationToken)
                : await ConverseAsync(input, call.Target.ResidentId, call.Target.CommunityId, call.Target.Language, call.Campaign.Id, cancellationToken);
        }

        var resident = await directory.FindByPhoneAsync(input.From, cancellationToken);
        if (resident is null)
        {
            LogUnknownCaller(PhoneMask.Mask(input.From));
            return new VoiceTurn(texts.Get("zh-CN", "unknown-caller"), "zh-CN", VoiceNext.Hangup);
        }

        return input.IsAnswer
            ? await GreetCallerAsync(resident.Id, resident.Language, cancellationToken)
            : await ConverseAsync(input, resident.Id, resident.CommunityId, resident.Language, null, cancellationToken);
    }

    private async Task<VoiceTurn> AnswerNoticeCallAsync(CallInput input, DeliveryAttempt attempt, CampaignTarget target, Campaign campaign, CancellationToken cancellationToken)
    {
        var language = PromptLibrary.LanguageFor(target.Language);
        if (DeliveryStates.IsMachine(input.AnsweredBy))
        {
            // The completed call then counts as not reached, and the plan moves on (to SMS where it has one).
            await progress.RecordAnsweredByAsync(attempt.Id, input.AnsweredBy!, cancellationToken);
            var profile = await profiles.FindAsync(target.ResidentId, cancellationToken);
            var voicemail = await prompts.RenderAsync(CannedText.Voicemail, language, new KernelArguments
            {
                ["honorific"] = target.Honorific ?? target.Name,
                ["street"] = profile?.StreetName ?? target.CommunityName,
                ["notice"] = campaign.Title,
                ["office_phone"] = profile?.OfficePhone,
            }, cancellationToken);
            return new VoiceTurn(voicemail, language, VoiceNext.Hangup);
        }

        var book = await wordings.LoadAsync(campaign, cancellationToken);
        var notice = campaign.ToNotice();
        var hint = await prompts.AnswerHintAsync(notice, ContactChannel.Voice, language, cancellationToken);
        return await ListenAsync($"{book.Fill(target, ContactChannel.Voice)} {hint}", language, notice, cancellationToken);
    }

    /// <summary>A resident calling in: a greeting and an open question; the agent takes the next turn.</summary>
    private async Task<VoiceTurn> GreetCallerAsync(int residentId, string residentLanguage, CancellationToken cancellationToken)
    {
        var language = PromptLibrary.LanguageFor(residentLanguage);
        var profile = await profiles.FindAsync(residentId, cancellationToken);
        var greeting = await prompts.RenderAsync(CannedText.Greeting, language, new KernelArguments { ["honorific"] = profile?.Honorific, ["street"] = profile?.StreetName }, cancellationToken);
        var hint = await prompts.AnswerHintAsync(null, ContactChannel.Voice, language, cancellationToken);
        return await ListenAsync($"{greeting} {hint}", language, null, cancellationToken);
    }

    private async Task<VoiceTurn> ConverseAsync(CallInput input, int residentId, int communityId, string residentLanguage, int? campaignId, CancellationToken cancellationToken)
    {
        var turnRef = TurnRef(input);
        var (notice, actions) = await binder.BindAsync(residentId, communityId, campaignId, ContactChannel.Voice, turnRef, cancellationToken);
        var said = input.SpeechResult ?? input.Digits ?? string.Empty;
        var answer = await agent.RespondAsync(new ConversationRequest(residentId, ContactChannel.Voice, said, input.Digits, notice, actions, turnRef), cancellationToken);
        await recorder.RecordAsync(actions.Binding, TimelineKind.CallTurn, said, answer, turnRef, cancellationToken);
        var language = PromptLibrary.LanguageFor(string.IsNullOrEmpty(answer.Language) ? residentLanguage : answer.Language);
        var reply = answer.Reply ?? await prompts.RenderAsync(CannedText.CallGoodbye, language, null, cancellationToken);
        return answer.Next switch
        {
            ConversationNext.Continue => await ListenAsync(reply, language, notice, cancellationToken),
            ConversationNext.HandOffToPerson when await parties.OnDutyPhoneAsync(communityId, cancellationToken) is { } phone => new VoiceTurn(reply, language, VoiceNext.Dial, DialNumber: phone),
            _ => new VoiceTurn(reply, language, VoiceNext.Hangup),
        };
    }

    /// <summary>Says <paramref name="text"/> and listens; silence gets the answer hint again, then a goodbye.</summary>
    private async Task<VoiceTurn> ListenAsync(string text, string language, NoticeContext? notice, CancellationToken cancellationToken)
    {
        var hint = await prompts.AnswerHintAsync(notice, ContactChannel.Voice, language, cancellationToken);
        var reprompt = await prompts.RenderAsync(CannedText.UnclearVoice, language, new KernelArguments { ["hint"] = hint }, cancellationToken);
        var goodbye = await prompts.RenderAsync(CannedText.CallGoodbye, language, null, cancellationToken);
        return new VoiceTurn(text, language, VoiceNext.Gather, Reprompt: reprompt, Goodbye: goodbye);
    }

    /// <summary>One reference per call turn: the CallSid and a short hash of what was said, so a retried webhook records nothing twice.</summary>
    private static string TurnRef(CallInput input)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{input.SpeechResult}|{input.Digits}"));
        return $"{input.CallSid}:{Convert.ToHexString(hash, 0, 6)}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call from unknown number {Phone} answered politely")]
    private partial void LogUnknownCaller(string phone);
}
