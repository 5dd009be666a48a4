namespace Outreach.Telephony.Messaging;

/// <summary>How a send request ended, in the terms the campaign engine acts on.</summary>
public enum SendDisposition
{
    /// <summary>Twilio took it (queued); status callbacks follow.</summary>
    Accepted,
    /// <summary>Too many requests (HTTP 429 / 20429): try again later, not a failure.</summary>
    Throttled,
    /// <summary>The number cannot receive this channel (21211 invalid, 21614 not mobile).</summary>
    InvalidRecipient,
    /// <summary>The recipient unsubscribed at the carrier (21610): mark opted out.</summary>
    RecipientOptedOut,
    /// <summary>Twilio or the network failed; whether it was sent is unknown until looked up.</summary>
    Unknown,
    /// <summary>Rejected for another reason; do not retry.</summary>
    Rejected,
}
