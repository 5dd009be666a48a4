using Outreach.Telephony.Voice;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Bench;

/// <summary>An agent that answers at once, so the benchmark measures the webhook path, not a model.</summary>
internal sealed class OfflineConversation : IVoiceConversation
{
    public Task<VoiceTurn> NextTurnAsync(CallInput input, CancellationToken cancellationToken) => Task.FromResult(
        input.Digits == "1"
            ? new VoiceTurn("谢谢，已为您确认。还有其他问题吗？", "zh-CN", VoiceNext.Gather, Reprompt: "请再说一次。", Goodbye: "再见。")
            : new VoiceTurn("请按1确认，按2谢绝，或直接提问。", "zh-CN", VoiceNext.Gather, Reprompt: "请再说一次。", Goodbye: "再见。"));
}
