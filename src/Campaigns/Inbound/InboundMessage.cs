namespace Outreach.Campaigns.Inbound;

/// <summary>An SMS a resident sent us, recorded once per MessageSid before it is processed.</summary>
public sealed class InboundMessage
{
    public long Id { get; set; }

    public required string MessageSid { get; set; }

    public required string From { get; set; }

    public required string To { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public int? ResidentId { get; set; }

    public int? CampaignId { get; set; }

    public string? Outcome { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>Set before the reply is sent, so a re-run of the job never texts twice.</summary>
    public DateTimeOffset? ReplyDecidedAt { get; set; }

    public string? ReplySid { get; set; }
}
