using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Outreach.Telephony;

/// <summary>The Twilio adapter: REST client (real Twilio or the built-in emulator), webhooks, TwiML, the emulator.</summary>
public static class TelephonyModule
{
    public static IHostApplicationBuilder AddTelephony(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>Maps the /twilio webhooks and, when in use, the built-in emulator.</summary>
    public static IEndpointRouteBuilder MapTelephony(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
