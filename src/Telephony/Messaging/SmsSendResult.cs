namespace Outreach.Telephony.Messaging;

/// <summary>What Twilio said to a send request. Expected failures are values, not exceptions.</summary>
public sealed record SmsSendResult(
    SendDisposition Disposition,
    string? MessageSid,
    int? ErrorCode = null,
    string? ErrorMessage = null,
    TimeSpan? RetryAfter = null,
    SmsEncoding? Encoding = null)
{
    public bool Accepted => Disposition == SendDisposition.Accepted;
}
