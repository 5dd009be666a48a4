using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Storage;

namespace Outreach.Agent.Usage;

/// <summary>GET /api/agent/usage?campaignId=: what the model cost, from the provider's usage figures.</summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/agent/usage", GetAsync).WithTags("Agent");
        return endpoints;
    }

    private static async Task<Ok<UsageReport>> GetAsync(AgentDbContext db, int? campaignId, CancellationToken cancellationToken)
    {
        var rows = db.Usage.AsNoTracking();
        if (campaignId is not null)
        {
            rows = rows.Where(u => u.CampaignId == campaignId);
        }

        var byPurpose = await rows.GroupBy(u => u.Purpose)
            .Select(g => new UsageByPurpose(g.Key, g.Sum(u => u.Calls), g.Sum(u => u.PromptTokens), g.Sum(u => u.CompletionTokens)))
            .ToListAsync(cancellationToken);
        var conversations = await rows.Where(u => u.ConversationId != null).Select(u => u.ConversationId).Distinct().CountAsync(cancellationToken);
        return TypedResults.Ok(new UsageReport(
            campaignId,
            byPurpose.Sum(p => p.Calls),
            byPurpose.Sum(p => p.PromptTokens),
            byPurpose.Sum(p => p.CompletionTokens),
            conversations,
            byPurpose));
    }
}
