using Outreach.Storage;

namespace Outreach.Campaigns.Delivery;

/// <summary>The delivery state machine: statuses ordered by rank; an update applies only when it ranks higher.</summary>
public static class DeliveryStates
{
    public const int FinalRank = 10;

    /// <summary>The columns a change of status writes.</summary>
    public static readonly string[] StatusColumns = [nameof(DeliveryAttempt.Status), nameof(DeliveryAttempt.StatusRank)];

    /// <summary>A stored attempt changes only when the new status ranks higher than its own.</summary>
    public static readonly RowGuard[] ForwardOnly = [RowGuard.Below(nameof(DeliveryAttempt.StatusRank))];

    public static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Decided => 0,
        DeliveryStatus.Queued => 1,
        DeliveryStatus.Sending or DeliveryStatus.Initiated => 2,
        DeliveryStatus.Sent or DeliveryStatus.Ringing => 3,
        DeliveryStatus.InProgress => 4,
        _ => FinalRank,
    };

    public static bool IsFinal(DeliveryStatus status) => Rank(status) == FinalRank;

    /// <summary>
    /// Whether a final status means the resident was reached: a delivered SMS, one the carrier took without ever
    /// sending a receipt (there is no sign it failed, and in some regions no SMS gets a receipt), or an answered call.
    /// </summary>
    public static bool Reached(DeliveryStatus status, string? answeredBy)
        => status is DeliveryStatus.Delivered or DeliveryStatus.NoReceipt
            || (status == DeliveryStatus.Completed && !IsMachine(answeredBy));

    public static bool IsMachine(string? answeredBy)
        => answeredBy is not null && (answeredBy.StartsWith("machine", StringComparison.OrdinalIgnoreCase) || answeredBy.Equals("fax", StringComparison.OrdinalIgnoreCase));

    /// <summary>Maps Twilio's status words (queued, no-answer, in-progress, …); null for ones we do not track (accepted, read, receiving).</summary>
    public static DeliveryStatus? Parse(string? twilioStatus) => twilioStatus?.Trim().ToLowerInvariant() switch
    {
        "queued" => DeliveryStatus.Queued,
        "sending" => DeliveryStatus.Sending,
        "sent" => DeliveryStatus.Sent,
        "delivered" or "read" => DeliveryStatus.Delivered,
        "undelivered" => DeliveryStatus.Undelivered,
        "failed" => DeliveryStatus.Failed,
        "initiated" => DeliveryStatus.Initiated,
        "ringing" => DeliveryStatus.Ringing,
        "in-progress" or "answered" => DeliveryStatus.InProgress,
        "completed" => DeliveryStatus.Completed,
        "busy" => DeliveryStatus.Busy,
        "no-answer" => DeliveryStatus.NoAnswer,
        "canceled" => DeliveryStatus.Canceled,
        _ => null,
    };
}
