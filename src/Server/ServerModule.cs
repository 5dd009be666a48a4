using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Outreach.Residents.Access;
using Outreach.Server.Errors;
using Outreach.Server.Health;
using Outreach.Server.Jobs;
using Outreach.Server.Security;
using Outreach.Server.Startup;

namespace Outreach.Server;

/// <summary>The host itself: security, errors, JSON, OpenAPI, Hangfire, health, start-up.</summary>
public static class ServerModule
{
    public static IHostApplicationBuilder AddServerHost(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OutreachOptions>().BindConfiguration(OutreachOptions.SectionName);

        // Registered before Hangfire's server so schemas exist before any job runs.
        services.AddSingleton<ReadinessState>();
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<IStartupSeed, DemoStreetSeed>();
        services.AddHostedService<StartupBanner>();

        services.AddSingleton<AdminApiKey>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICommunityScopeAccessor, ClaimsCommunityScopeAccessor>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            // Secure by default: every endpoint needs a caller unless it says AllowAnonymous (webhooks check Twilio's signature).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());

        builder.AddJobs();
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("ready");
        return builder;
    }

    public static WebApplication UseServerHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapJobsDashboard();
        return app;
    }
}
