using Outreach.Telephony.Voice;

namespace Outreach.Telephony.Webhooks;

/// <summary>Decides what a call says next, turn by turn. Must answer well inside Twilio's 15 s.</summary>
public interface IVoiceConversation
{
    Task<VoiceTurn> NextTurnAsync(CallInput input, CancellationToken cancellationToken);
}
