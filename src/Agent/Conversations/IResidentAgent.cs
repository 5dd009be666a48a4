namespace Outreach.Agent.Conversations;

/// <summary>The digital social worker: interprets a resident's turn, acts through the bound actions, and answers.</summary>
public interface IResidentAgent
{
    Task<AgentReply> RespondAsync(ConversationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The same turn, streamed: phrases as they are generated (for a live call's text-to-speech), then a last part
    /// carrying the whole reply. An agent that cannot stream answers in one part.
    /// </summary>
    async IAsyncEnumerable<AgentReplyPart> StreamAsync(ConversationRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reply = await RespondAsync(request, cancellationToken);
        if (!string.IsNullOrEmpty(reply.Reply))
        {
            yield return new AgentReplyPart(reply.Reply);
        }

        yield return new AgentReplyPart(string.Empty, reply);
    }
}
