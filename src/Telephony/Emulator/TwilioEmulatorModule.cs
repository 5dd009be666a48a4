using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Outreach.Telephony.Emulator;

/// <summary>Hosts the built-in Twilio emulator under /emulator when Twilio:ApiBaseUrl is unset or Emulator:Enabled is true.</summary>
internal static class TwilioEmulatorModule
{
    public static bool IsEnabled(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{TwilioOptions.SectionName}:{nameof(TwilioOptions.ApiBaseUrl)}"])
        || configuration.GetValue<bool>($"{EmulatorOptions.SectionName}:{nameof(EmulatorOptions.Enabled)}");

    public static void AddTwilioEmulator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.SectionName);
        services.AddSingleton<EmulatorStore>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<EmulatorWebhookClient>();
        services.AddSingleton<TwimlInterpreter>();
        services.AddSingleton<ConversationRelayClient>();
        services.AddSingleton<CallRunner>();
        services.AddSingleton<MessageDelivery>();
        services.AddHostedService(provider => provider.GetRequiredService<MessageDelivery>());
        services.AddHostedService<EmulatorRetention>();
        // The client logs a failed webhook itself; the factory's per-request log scopes would cost every callback.
        services.AddHttpClient(EmulatorWebhookClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
    }

    public static void MapTwilioEmulator(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<EmulatorStore>() is null)
        {
            return;
        }

        endpoints.MapEmulatorRestApi();
        endpoints.MapResidentPhoneApi();
    }
}
