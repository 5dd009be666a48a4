using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Outreach.Agent.Usage;

/// <summary>GET /api/agent/usage?campaignId=&amp;conversationId=: what the model cost, from the provider's usage figures.</summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/agent/usage", GetAsync).WithTags("Agent");
        return endpoints;
    }

    private static async Task<Ok<UsageReport>> GetAsync(UsageRecorder usage, int? campaignId, long? conversationId, CancellationToken cancellationToken)
        => TypedResults.Ok(await usage.ReportAsync(campaignId, conversationId, cancellationToken));
}
