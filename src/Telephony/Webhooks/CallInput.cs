namespace Outreach.Telephony.Webhooks;

/// <summary>
/// One turn of a call: the call was answered (no input yet), or the resident spoke or pressed keys.
/// <paramref name="Reference"/> is our delivery id for notice calls, null for inbound calls.
/// </summary>
public sealed record CallInput(string CallSid, string From, string To, string? Reference, string? SpeechResult, string? Digits, string? AnsweredBy, DateTimeOffset ReceivedAt)
{
    public bool IsAnswer => SpeechResult is null && Digits is null;
}
