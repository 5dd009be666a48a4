using System.Collections.Concurrent;
using Outreach.Agent.Conversations;

namespace Outreach.Campaigns.Tests.Doubles;

/// <summary>
/// A tiny IResidentAgent: 1/yes confirms, 2/no declines, STOP opts out, a question ending in "?" is answered as if from
/// the knowledge base, anything else is asked of staff; counts turns.
/// </summary>
public sealed class KeywordAgent : IResidentAgent
{
    public ConcurrentQueue<ConversationRequest> Turns { get; } = new();

    public async Task<AgentReply> RespondAsync(ConversationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Turns.Enqueue(request);
        var text = (request.Digits ?? request.Text).Trim().ToUpperInvariant();
        switch (text)
        {
            case "1" or "YES":
                await request.Actions.RecordResponseAsync(ResidentOutcome.Confirmed, null, null, cancellationToken);
                return new AgentReply(ResidentOutcome.Confirmed, "Thank you, confirmed.", "Confirmed", ConversationNext.End, "en");
            case "2" or "NO":
                await request.Actions.RecordResponseAsync(ResidentOutcome.Declined, null, null, cancellationToken);
                return new AgentReply(ResidentOutcome.Declined, "Noted, you will not come.", "Declined", ConversationNext.End, "en");
            case "STOP":
                await request.Actions.OptOutAsync(cancellationToken);
                return new AgentReply(ResidentOutcome.OptedOut, "You will get no more messages.", "Opted out", ConversationNext.End, "en");
            case var question when question.EndsWith('?'):
                return new AgentReply(ResidentOutcome.Question, "Bring your ID card.", "Asked what to bring; answered from the knowledge base", ConversationNext.Continue, "en");
            default:
                var reference = await request.Actions.AskStaffAsync(request.Text, cancellationToken);
                return new AgentReply(ResidentOutcome.Question, $"Staff will reply ({reference}).", "Asked a question", ConversationNext.Continue, "en");
        }
    }
}
