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
}
