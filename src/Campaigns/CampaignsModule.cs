using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Storage;
using Outreach.Residents.Storage;

namespace Outreach.Campaigns;

/// <summary>The campaign engine: notices, audiences snapshots, channel plans, dispatch on Hangfire, outcomes, inbox.</summary>
public static class CampaignsModule
{
    public static IHostApplicationBuilder AddCampaigns(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddDbContext<CampaignsDbContext>((sp, options) =>
            OutreachDatabase.Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, "campaigns"));
        services.AddSingleton<IDatabaseMigration, DatabaseMigration<CampaignsDbContext>>();
        return builder;
    }

    /// <summary>Maps /api/campaigns and /api/inbox.</summary>
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
