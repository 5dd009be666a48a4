using Outreach.Agent.Storage;

namespace Outreach.Agent.Usage;

/// <summary>Stores model calls and tokens per campaign and conversation.</summary>
public sealed class UsageRecorder(AgentDbContext db, TimeProvider time)
{
    public async Task RecordAsync(string purpose, string modelId, int? campaignId, long? conversationId, TokenCount count, CancellationToken cancellationToken)
    {
        if (count.Calls == 0)
        {
            return;
        }

        db.Usage.Add(new ModelUsage
        {
            At = time.GetUtcNow(),
            Purpose = purpose,
            ModelId = modelId,
            CampaignId = campaignId,
            ConversationId = conversationId,
            Calls = count.Calls,
            PromptTokens = count.Prompt,
            CompletionTokens = count.Completion,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
