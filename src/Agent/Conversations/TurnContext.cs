namespace Outreach.Agent.Conversations;

/// <summary>Everything a responder needs for one turn: the bound request, the resident's profile, the conversation so far.</summary>
public sealed record TurnContext(ConversationRequest Request, ResidentProfile Resident, string Language, long ConversationId, IReadOnlyList<ConversationTurn> History);
