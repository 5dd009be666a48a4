using Outreach.Residents.Archive;

namespace Outreach.Agent.Conversations;

/// <summary>One message in a conversation, from the resident or from the agent.</summary>
public sealed class ConversationTurn
{
    public long Id { get; set; }

    public long ConversationId { get; set; }

    public DateTimeOffset At { get; set; }

    public Speaker Speaker { get; set; }

    public ContactChannel Channel { get; set; }

    public required string Text { get; set; }

    public ResidentOutcome? Outcome { get; set; }

    public bool ByFallback { get; set; }
}
