using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Outreach.Telephony.Relay;
using Outreach.Telephony.Voice;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Tests.Hosting;

/// <summary>Records what the webhooks hand over, and answers calls (Gather and ConversationRelay) with a short scripted notice.</summary>
public sealed class RecordingHandlers : IInboundSmsHandler, IDeliveryStatusHandler, IVoiceConversation, IRelayConversation
{
    public const string OnDutyNumber = "+8657188889999";

    public const string Notice = "社区通知：周六上午接种疫苗。确认请按1。";
    public const string Reprompt = "请再说一次。";
    public const string Goodbye = "再见。";
    public const string Thanks = "谢谢，已确认。";
    public const string Voicemail = "社区通知：周六上午接种疫苗，详情请看短信。";

    public ConcurrentQueue<InboundSms> InboundSms { get; } = new();

    public ConcurrentQueue<MessageStatusUpdate> MessageStatuses { get; } = new();

    public ConcurrentQueue<CallStatusUpdate> CallStatuses { get; } = new();

    public ConcurrentQueue<CallInput> CallInputs { get; } = new();

    /// <summary>Each relay prompt with the call its session was bound to.</summary>
    public ConcurrentQueue<(CallInput Call, RelayPrompt Prompt)> RelayPrompts { get; } = new();

    public Task HandleAsync(InboundSms message, CancellationToken cancellationToken)
    {
        InboundSms.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task HandleMessageStatusAsync(MessageStatusUpdate update, CancellationToken cancellationToken)
    {
        MessageStatuses.Enqueue(update);
        return Task.CompletedTask;
    }

    public Task HandleCallStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken)
    {
        CallStatuses.Enqueue(update);
        return Task.CompletedTask;
    }

    public Task<VoiceTurn> NextTurnAsync(CallInput input, CancellationToken cancellationToken)
    {
        CallInputs.Enqueue(input);
        var turn = input switch
        {
            { AnsweredBy: { } by } when by.StartsWith("machine", StringComparison.Ordinal) => new VoiceTurn(Voicemail, "zh-CN", VoiceNext.Hangup),
            { IsAnswer: true } => new VoiceTurn(Notice, "zh-CN", VoiceNext.Gather, Reprompt: Reprompt, Goodbye: Goodbye),
            { SpeechResult: "我要找人" } or { Digits: "0" } => new VoiceTurn("正在为您转接。", "zh-CN", VoiceNext.Dial, DialNumber: "+8657188889999"),
            _ => new VoiceTurn(Thanks, "zh-CN", VoiceNext.Hangup),
        };
        return Task.FromResult(turn);
    }

    public Task<IRelaySession?> OpenAsync(CallInput answered, CancellationToken cancellationToken) =>
        Task.FromResult<IRelaySession?>(new ScriptedRelaySession(this, answered));

    /// <summary>Answers in several tokens: 我确认参加 and 1 thank and go on, 转人工 hands off to the on-duty number, 再见 ends.</summary>
    private sealed class ScriptedRelaySession(RecordingHandlers handlers, CallInput call) : IRelaySession
    {
        public async IAsyncEnumerable<RelaySpeech> RespondAsync(RelayPrompt prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            handlers.RelayPrompts.Enqueue((call, prompt));
            switch (prompt.Speech ?? prompt.Digits)
            {
                case "转人工":
                    yield return new RelaySpeech("正在为您转接。", new RelayEnding(VoiceNext.Dial, RelayHandoff.LiveAgentHandoff, OnDutyNumber));
                    break;
                case "再见":
                    yield return new RelaySpeech(Goodbye, new RelayEnding(VoiceNext.Hangup, "goodbye"));
                    break;
                default:
                    foreach (var token in new[] { "谢谢，", "已确认。", "还有其他问题吗？" })
                    {
                        await Task.Yield();
                        yield return new RelaySpeech(token);
                    }

                    break;
            }
        }
    }
}
