namespace Outreach.Telephony.Relay;

/// <summary>How a live call converses (Twilio:VoiceMode).</summary>
public enum VoiceMode
{
    /// <summary>Turn by turn: &lt;Gather&gt; webhooks, TwiML back each time.</summary>
    Gather,

    /// <summary>Real time: &lt;Connect&gt;&lt;ConversationRelay&gt; and a WebSocket that streams the agent's answer.</summary>
    ConversationRelay,
}
