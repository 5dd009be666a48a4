using Outreach.Agent.Conversations;
using Outreach.Agent.Prompts;
using Outreach.Residents.Archive;
using Outreach.Telephony.Relay;
using Outreach.Telephony.Webhooks;

namespace Outreach.Campaigns.Conversations;

/// <summary>
/// The ConversationRelay side of a call: binds the session to the resident of the answered call (its notice call,
/// else the caller's record) and answers each prompt with the agent's streamed reply.
/// </summary>
public sealed class RelayConversation(
    CallParties parties,
    ResidentDirectory directory,
    ConversationBinder binder,
    ConversationRecorder recorder,
    IResidentAgent agent,
    PromptLibrary prompts) : IRelayConversation
{
    public async Task<IRelaySession?> OpenAsync(CallInput answered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answered);
        if (await parties.FindNoticeCallAsync(answered.Reference, cancellationToken) is { } call)
        {
            return new RelaySession(this, answered.CallSid, new ResidentOnCall(call.Target.ResidentId, call.Target.CommunityId, call.Target.Language, call.Campaign.Id));
        }

        var resident = await directory.FindByPhoneAsync(answered.From, cancellationToken);
        return resident is null ? null : new RelaySession(this, answered.CallSid, new ResidentOnCall(resident.Id, resident.CommunityId, resident.Language, null));
    }

    /// <summary>One relay turn: the agent's phrases as they come, the turn on the timeline, then how the call goes on.</summary>
    private async IAsyncEnumerable<RelaySpeech> RespondAsync(
        string callSid, ResidentOnCall resident, RelayPrompt prompt, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Relay messages are never redelivered, so the arrival time keeps each turn's reference apart.
        var turnRef = $"{callSid}:relay:{prompt.ReceivedAt.ToUnixTimeMilliseconds()}";
        var (notice, actions) = await binder.BindAsync(resident.ResidentId, resident.CommunityId, resident.CampaignId, ContactChannel.Voice, turnRef, cancellationToken);
        var said = prompt.Speech ?? prompt.Digits ?? string.Empty;
        AgentReply? reply = null;
        await foreach (var part in agent.StreamAsync(new ConversationRequest(resident.ResidentId, ContactChannel.Voice, said, prompt.Digits, notice, actions, turnRef), cancellationToken))
        {
            if (part.Final is { } final)
            {
                reply = final;
            }
            else if (part.Text.Length > 0)
            {
                yield return new RelaySpeech(part.Text);
            }
        }

        if (reply is null)
        {
            throw new InvalidOperationException("The agent's stream ended without its reply.");
        }

        await recorder.RecordAsync(actions.Binding, Residents.Timeline.TimelineKind.CallTurn, said, reply, turnRef, cancellationToken);
        if (reply.Next == ConversationNext.Continue)
        {
            yield break;
        }

        if (reply.Reply is null)
        {
            var language = PromptLibrary.LanguageFor(string.IsNullOrEmpty(reply.Language) ? resident.Language : reply.Language);
            yield return new RelaySpeech(await prompts.RenderAsync(CannedText.CallGoodbye, language, null, cancellationToken));
        }

        var onDuty = reply.Next == ConversationNext.HandOffToPerson ? await parties.OnDutyPhoneAsync(resident.CommunityId, cancellationToken) : null;
        yield return new RelaySpeech(string.Empty, onDuty is not null
            ? new RelayEnding(Telephony.Voice.VoiceNext.Dial, RelayHandoff.LiveAgentHandoff, onDuty)
            : new RelayEnding(Telephony.Voice.VoiceNext.Hangup, reply.Next == ConversationNext.HandOffToPerson ? "callback-requested" : "goodbye"));
    }

    private sealed record ResidentOnCall(int ResidentId, int CommunityId, string Language, int? CampaignId);

    private sealed class RelaySession(RelayConversation conversation, string callSid, ResidentOnCall resident) : IRelaySession
    {
        public IAsyncEnumerable<RelaySpeech> RespondAsync(RelayPrompt prompt, CancellationToken cancellationToken)
            => conversation.RespondAsync(callSid, resident, prompt, cancellationToken);
    }
}
