using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Outreach.Server.Security;
using Outreach.Storage;

namespace Outreach.Server.Accounts;

/// <summary>
/// Staff accounts on ASP.NET Core Identity, and one default scheme that accepts both callers: a request with an
/// Authorization header is an integration (bearer API key), any other request a browser (the Identity cookie).
/// </summary>
public static class StaffAuthentication
{
    /// <summary>The policy scheme that picks bearer or cookie per request.</summary>
    public const string SchemeName = "Staff";

    public static IHostApplicationBuilder AddStaffAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName);
        services.AddModuleDbContext<AccountsDbContext>("accounts");
        services.AddSingleton<FirstAdminAccount>();
        services.AddSingleton<IDatabaseMigration>(sp => sp.GetRequiredService<FirstAdminAccount>());
        services.AddScoped<IntegrationApiKeys>();
        services.AddScoped<StaffAuditLog>();

        // Cookies must survive a restart: keep the data-protection keys beside the embedded database.
        var dataFolder = builder.Configuration["Outreach:DataFolder"] ?? "data";
        services.AddDataProtection()
            .SetApplicationName("Outreach")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "data-protection-keys")));

        services.AddIdentity<StaffUser, IdentityRole>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 10;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "outreach.staff";
            cookie.Cookie.HttpOnly = true;
            // Strict: the cookie also authenticates /api for the console's own fetches, so no other site may send it.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => IsMachineRoute(context.Request)
                ? context.HttpContext.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName)
                : Redirect(context);
            cookie.Events.OnRedirectToAccessDenied = context => IsMachineRoute(context.Request)
                ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your role does not allow this.")
                    .ExecuteAsync(context.HttpContext)
                : Redirect(context);
        });

        // AddIdentity made its cookie the default; the policy scheme below takes over and forwards per request.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SchemeName;
                options.DefaultAuthenticateScheme = SchemeName;
                options.DefaultChallengeScheme = SchemeName;
                options.DefaultForbidScheme = SchemeName;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignOutScheme = IdentityConstants.ApplicationScheme;
            })
            // Only a Bearer header is an API key. Other schemes are not ours: the built-in emulator's Twilio REST calls carry
            // Basic, and sending those to the key handler cost a failed authentication (and a log line) per message.
            .AddPolicyScheme(SchemeName, "Bearer API key or staff cookie", policy =>
                policy.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.IsBearer(context.Request.Headers.Authorization.ToString())
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme);
        return builder;
    }

    /// <summary>Routes called by programs rather than people: answer 401/403 problems there instead of redirecting to the login page.</summary>
    internal static bool IsMachineRoute(HttpRequest request)
        => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
