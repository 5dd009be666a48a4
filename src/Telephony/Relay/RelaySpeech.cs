using Outreach.Telephony.Voice;

namespace Outreach.Telephony.Relay;

/// <summary>A phrase of the agent's answer to speak now; with <paramref name="Ending"/>, the call leaves the relay after it.</summary>
public sealed record RelaySpeech(string Text, RelayEnding? Ending = null);

/// <summary>How a call goes on after the relay session: hang up, or <see cref="VoiceNext.Dial"/> <paramref name="DialNumber"/>.</summary>
/// <param name="Reason">Why, for the handoff data and the logs: goodbye, live-agent-handoff, callback-requested.</param>
public sealed record RelayEnding(VoiceNext Next, string Reason, string? DialNumber = null);
