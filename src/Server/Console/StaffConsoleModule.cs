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
        app.UseRequestLocalization();
        app.MapConsoleAssets();
        app.MapRazorPages();
        app.MapApiKeysApi();
        return app;
    }
}
