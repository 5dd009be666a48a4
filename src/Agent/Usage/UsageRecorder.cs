using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Storage;

namespace Outreach.Agent.Usage;

/// <summary>Stores model calls and tokens per campaign and conversation, and reports them.</summary>
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

    /// <summary>Calls and tokens in total and per purpose, for one campaign, one conversation, both or everything.</summary>
    public async Task<UsageReport> ReportAsync(int? campaignId, long? conversationId, CancellationToken cancellationToken)
    {
        var rows = db.Usage.AsNoTracking();
        if (campaignId is not null)
        {
            rows = rows.Where(u => u.CampaignId == campaignId);
        }

        if (conversationId is not null)
        {
            rows = rows.Where(u => u.ConversationId == conversationId);
        }

        var byPurpose = await rows.GroupBy(u => u.Purpose)
            .Select(g => new UsageByPurpose(g.Key, g.Sum(u => u.Calls), g.Sum(u => u.PromptTokens), g.Sum(u => u.CompletionTokens)))
            .ToListAsync(cancellationToken);
        var conversations = await rows.Where(u => u.ConversationId != null).Select(u => u.ConversationId).Distinct().CountAsync(cancellationToken);
        return new UsageReport(
            campaignId,
            conversationId,
            byPurpose.Sum(p => p.Calls),
            byPurpose.Sum(p => p.PromptTokens),
            byPurpose.Sum(p => p.CompletionTokens),
            conversations,
            [.. byPurpose.OrderBy(p => p.Purpose, StringComparer.Ordinal)]);
    }
}
