namespace Outreach.Agent.Conversations;

/// <summary>The digital social worker: interprets a resident's turn, acts through the bound actions, and answers.</summary>
public interface IResidentAgent
{
    Task<AgentReply> RespondAsync(ConversationRequest request, CancellationToken cancellationToken);
}
