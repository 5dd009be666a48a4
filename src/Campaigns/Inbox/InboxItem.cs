namespace Outreach.Campaigns.Inbox;

/// <summary>Something a resident needs from a person: a question the agent could not answer, a callback, a problem.</summary>
public sealed class InboxItem
{
    public int Id { get; set; }

    public int CommunityId { get; set; }

    public int ResidentId { get; set; }

    public int? CampaignId { get; set; }

    public InboxItemKind Kind { get; set; }

    public required string Text { get; set; }

    public InboxItemStatus Status { get; set; }

    public string? Assignee { get; set; }

    public string? Reply { get; set; }

    /// <summary>The conversation turn that raised it (MessageSid or CallSid based); a replayed turn raises nothing new.</summary>
    public string? ExternalRef { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}
