using Outreach.Telephony.Messaging;

namespace Outreach.Telephony.Voice;

/// <summary>What Twilio said to a create-call request.</summary>
public sealed record CallPlaceResult(
    SendDisposition Disposition,
    string? CallSid,
    int? ErrorCode = null,
    string? ErrorMessage = null,
    TimeSpan? RetryAfter = null)
{
    public bool Accepted => Disposition == SendDisposition.Accepted;
}
