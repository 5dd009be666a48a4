using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Outreach.Campaigns;

/// <summary>The campaign engine: notices, audiences snapshots, channel plans, dispatch on Hangfire, outcomes, inbox.</summary>
public static class CampaignsModule
{
    public static IHostApplicationBuilder AddCampaigns(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps /api/campaigns and /api/inbox.</summary>
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
