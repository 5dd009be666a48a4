using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Outreach.Server.Accounts;
using Outreach.Server.StaffConsole.ArchiveImport;
using Outreach.Server.StaffConsole.Localization;
using Outreach.Server.Security;
using Outreach.Server.Startup;

namespace Outreach.Server.StaffConsole;

/// <summary>The staff console (server-rendered Razor Pages in zh-CN and en) and the staff accounts behind it.</summary>
public static class StaffConsoleModule
{
    /// <summary>Authorization policy of the pages only street admins may open.</summary>
    public const string StreetAdminPolicy = "street_admin";

    public static IHostApplicationBuilder AddStaffConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStaffAccounts();
        var services = builder.Services;
        services.AddAuthorizationBuilder()
            .AddPolicy(StreetAdminPolicy, policy => policy.RequireRole(StaffRoles.StreetAdmin));
        services.AddSingleton<ConsoleText>();
        services.AddScoped<ConsoleImports>();
        services.AddSingleton<IStartupBannerLines, ConsoleBanner>();
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Console/Pages";
            pages.Conventions.AuthorizeFolder("/Admin", StreetAdminPolicy);
            pages.Conventions.AllowAnonymousToPage("/Login");
            pages.Conventions.AllowAnonymousToPage("/Language");
        });
        services.Configure<RequestLocalizationOptions>(localization =>
        {
            var cultures = ConsoleText.Languages.Select(CultureInfo.GetCultureInfo).ToList();
            localization.DefaultRequestCulture = new RequestCulture("zh-CN");
            localization.SupportedCultures = cultures;
            localization.SupportedUICultures = cultures;
            localization.FallBackToParentUICultures = true;
        });
        return builder;
    }

    /// <summary>Maps the console's pages, its static files, /api/keys, the auditor's read-only rule and the API's audit.</summary>
    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Runs after authentication (UseServerHost) and before any endpoint.
        app.UseMiddleware<ReadOnlyAuditorMiddleware>();
        app.UseMiddleware<ApiAuditMiddleware>();
        // The console's pages speak the staff member's language. The API, Twilio's webhooks, the emulator and the health
        // check are machine interfaces and keep the process's culture: otherwise every webhook, and every job the API
        // enqueues (Hangfire performs a job in the culture it was enqueued in), ran in the console's default zh-CN, and
        // the libraries below them (the Twilio SDK among them) compared and parsed text in it.
        app.UseWhen(static context => !IsMachineInterface(context.Request.Path), console => console.UseRequestLocalization());
        app.MapConsoleAssets();
        app.MapRazorPages();
        app.MapApiKeysApi();
        return app;
    }

    /// <summary>Paths no person reads as pages: the API, Twilio's webhooks, the built-in emulator and the health check.</summary>
    internal static bool IsMachineInterface(PathString path)
        => path.StartsWithSegments("/api") || path.StartsWithSegments("/twilio") || path.StartsWithSegments("/emulator")
            || path.StartsWithSegments("/health");
}
