namespace Outreach.Agent.Conversations;

/// <summary>One resident's conversation about one campaign (or about nothing in particular), across calls and SMS.</summary>
public sealed class Conversation
{
    public long Id { get; set; }

    public int ResidentId { get; set; }

    public int? CampaignId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastTurnAt { get; set; }

    /// <summary>The latest meaningful outcome of the conversation.</summary>
    public ResidentOutcome Outcome { get; set; }

    /// <summary>Two lines for the resident's timeline: what they said, what was done.</summary>
    public string? Summary { get; set; }

    public List<ConversationTurn> Turns { get; set; } = [];
}
