using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Outreach.Campaigns.Access;
using Outreach.Campaigns.Api;
using Outreach.Campaigns.Conversations;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Inbound;
using Outreach.Campaigns.Inbox;
using Outreach.Campaigns.Reports;
using Outreach.Campaigns.Schedules;
using Outreach.Campaigns.Storage;
using Outreach.Telephony.Relay;
using Outreach.Telephony.Webhooks;
using Outreach.Storage;

namespace Outreach.Campaigns;

/// <summary>The campaign engine: notices, audiences snapshots, channel plans, dispatch on Hangfire, outcomes, inbox.</summary>
public static class CampaignsModule
{
    /// <summary>
    /// Registers the engine and its Twilio webhook handlers. Needs from the host: Hangfire (IBackgroundJobClient and a
    /// server), the Telephony senders, the Residents module, and the Agent's IResidentAgent and INoticeWriter.
    /// </summary>
    public static IHostApplicationBuilder AddCampaigns(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CampaignOptions>().BindConfiguration(CampaignOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddModuleDbContext<CampaignsDbContext>("campaigns");
        services.AddSingleton<IDatabaseMigration, DatabaseMigration<CampaignsDbContext>>();

        services.AddSingleton<DispatchThrottle>();
        services.AddSingleton<CampaignTexts>();
        services.AddSingleton<LiveServers>();
        services.AddScoped<CampaignScheduler>();
        services.AddScoped<CampaignAccess>();
        services.AddScoped<CampaignDrafts>();
        services.AddScoped<RecurringRuns>();
        services.AddScoped<CampaignLifecycle>();
        services.AddScoped<CampaignPreview>();
        services.AddScoped<CampaignReports>();
        services.AddScoped<SegmentWordings>();
        services.AddScoped<AudienceSnapshot>();
        services.AddScoped<DeliveryProgress>();
        services.AddScoped<CampaignCompletion>();
        services.AddSingleton<DeliveryStatusWriter>();
        services.AddSingleton<DeliveryTimeline>();
        services.AddScoped<DeliveryDispatcher>();
        services.AddScoped<AttemptRecovery>();
        services.AddScoped<CampaignJobs>();
        services.AddScoped<ConversationBinder>();
        services.AddScoped<ConversationRecorder>();
        services.AddScoped<InboundSmsJob>();
        services.AddScoped<InboxDesk>();

        services.AddScoped<IInboundSmsHandler, InboundSmsHandler>();
        services.AddScoped<IDeliveryStatusHandler, DeliveryStatusHandler>();
        services.AddScoped<IVoiceConversation, VoiceConversation>();
        services.AddMemoryCache();
        services.AddScoped<CallParties>();
        services.AddScoped<IRelayConversation, RelayConversation>();

        // Runs after the host's database migrations, which are registered before this module.
        services.AddHostedService<CampaignResumption>();
        // Stopped with the host, so the interim statuses it holds are written while the database is still there.
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryStatusWriter>());
        return builder;
    }

    /// <summary>Maps /api/campaigns and /api/inbox.</summary>
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapCampaignRoutes();
        endpoints.MapInboxRoutes();
        return endpoints;
    }
}
