using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Storage;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Relay;
using Outreach.Telephony.Rest;
using Outreach.Telephony.Storage;
using Outreach.Telephony.Voice;
using Outreach.Telephony.Webhooks;
using Twilio.Clients;
using Twilio.Http;

namespace Outreach.Telephony;

/// <summary>The Twilio adapter: REST client (real Twilio or the built-in emulator), webhooks, TwiML, the emulator.</summary>
public static class TelephonyModule
{
    /// <summary>The IHttpClientFactory name of the client the Twilio SDK sends through.</summary>
    public const string TwilioHttpClientName = "twilio";

    public static IHostApplicationBuilder AddTelephony(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddTransient<TwilioRequestScopeHandler>();
        services.AddSingleton<TwilioRequestSlots>();
        services.AddTransient<TwilioRequestSlotHandler>();
        services.AddTransient<TwilioApiRedirectHandler>();
        // No request log: four lines per message at Information would flood a campaign's log. The senders log what was
        // refused (phones masked); the resident's timeline records every message.
        services.AddHttpClient(TwilioHttpClientName)
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TwilioRequestScopeHandler>()
            .AddHttpMessageHandler<TwilioRequestSlotHandler>()
            .AddResilienceHandler("twilio-rest", TwilioResilience.Configure)
            .Services.AddHttpClient(TwilioHttpClientName)
            .AddHttpMessageHandler<TwilioApiRedirectHandler>();
        services.AddTransient<ITwilioRestClient>(provider =>
        {
            var twilio = provider.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue;
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioHttpClientName);
            return new TwilioRestClient(twilio.AccountSid, twilio.AuthToken, httpClient: new SystemNetHttpClient(http));
        });

        services.AddSingleton<TwilioWebhookUrls>();
        services.AddSingleton<TwimlRenderer>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddPooledDbContextFactory<TelephonyDbContext>((provider, options) =>
            OutreachDatabase.Configure(options, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value, "telephony"));
        services.AddSingleton<IDatabaseMigration, DatabaseMigration<TelephonyDbContext>>();
        services.AddSingleton<TwilioSignatureCheck>();
        services.AddSingleton<TwilioSignatureFilter>();
        services.AddSingleton<WebhookIdempotency>();
        services.AddSingleton<TwilioIdempotencyFilter>();
        services.AddHostedService<TelephonyPruner>();
        services.AddSingleton<RelayCalls>();
        services.AddTransient<IStartupFilter, WebSocketsStartupFilter>();
        services.AddTransient<TwilioSmsSender>();
        services.AddTransient<ISmsSender>(provider => provider.GetRequiredService<TwilioSmsSender>());
        services.AddTransient<TwilioCallPlacer>();
        services.AddTransient<ICallPlacer>(provider => provider.GetRequiredService<TwilioCallPlacer>());

        if (TwilioEmulatorModule.IsEnabled(builder.Configuration))
        {
            builder.AddTwilioEmulator();
        }

        return builder;
    }

    /// <summary>Maps the /twilio webhooks and, when in use, the built-in emulator.</summary>
    public static IEndpointRouteBuilder MapTelephony(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapTwilioWebhooks();
        endpoints.MapTwilioEmulator();
        return endpoints;
    }
}
