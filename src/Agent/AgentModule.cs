using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Outreach.Agent;

/// <summary>The agent module: model providers, prompts, notice wording, conversations, knowledge base, offline interpreter.</summary>
public static class AgentModule
{
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps /api/knowledge and /api/agent endpoints.</summary>
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
