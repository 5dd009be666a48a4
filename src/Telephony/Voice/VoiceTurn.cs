namespace Outreach.Telephony.Voice;

/// <summary>
/// What the call should do next, in domain terms; Telephony renders it as TwiML.
/// </summary>
/// <param name="Say">Text to speak.</param>
/// <param name="Language">BCP-47 language of <paramref name="Say"/> and of speech recognition.</param>
/// <param name="Next">Listen for an answer, hand over to a person, or hang up.</param>
/// <param name="DialNumber">With <see cref="VoiceNext.Dial"/>: the number to connect.</param>
/// <param name="Reprompt">Said when the resident stays silent; then the call ends politely.</param>
public sealed record VoiceTurn(string Say, string Language, VoiceNext Next, string? DialNumber = null, string? Reprompt = null, string? Goodbye = null);
