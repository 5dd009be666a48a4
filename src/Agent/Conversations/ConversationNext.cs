namespace Outreach.Agent.Conversations;

/// <summary>Where the conversation goes after the agent's reply.</summary>
public enum ConversationNext
{
    Continue,
    End,
    HandOffToPerson,
}
