using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Delivery;

/// <summary>
/// One attempt to reach one resident on one channel. The row is written before Twilio is asked, under
/// UNIQUE (campaign, resident, attempt number): whoever inserts it owns the send.
/// </summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public int ResidentId { get; set; }

    public long TargetId { get; set; }

    public int AttemptNo { get; set; }

    public ContactChannel Channel { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>Orders statuses so callbacks that repeat or arrive late never move an attempt backwards.</summary>
    public int StatusRank { get; set; }

    /// <summary>Twilio's MessageSid or CallSid.</summary>
    public string? ProviderSid { get; set; }

    public int? ErrorCode { get; set; }

    /// <summary>Twilio's answering-machine verdict for calls: human, machine_start, fax, unknown.</summary>
    public string? AnsweredBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? FinalAt { get; set; }

    /// <summary>When recovery last asked Twilio for this attempt's status; it asks again only after the stuck interval.</summary>
    public DateTimeOffset? CheckedAt { get; set; }
}
