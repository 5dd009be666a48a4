namespace Outreach.Campaigns.Delivery;

/// <summary>Twilio's message and call statuses, plus our own decision before the request.</summary>
public enum DeliveryStatus
{
    /// <summary>The decision to contact is recorded; Twilio has not (yet) confirmed a request.</summary>
    Decided,
    Queued,
    Sending,
    Sent,
    Delivered,
    Undelivered,
    Failed,
    Initiated,
    Ringing,
    InProgress,
    Completed,
    Busy,
    NoAnswer,
    Canceled,

    /// <summary>
    /// An SMS the carrier accepted (Twilio's "sent") for which no delivery receipt came within the receipt window: many
    /// carriers, especially outside North America, never send one. Ours, not Twilio's; it ends the attempt as reached.
    /// </summary>
    NoReceipt,
}
