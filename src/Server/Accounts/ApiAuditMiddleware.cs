using Microsoft.AspNetCore.Routing.Patterns;

namespace Outreach.Server.Accounts;

/// <summary>
/// Puts what callers of the API did in the audit log, as the console's pages do for staff: every request under /api
/// that changes something (POST, PUT, PATCH, DELETE) and succeeded, and the reads that open a resident's record or
/// export residents. An entry names the route and the path, never the query or the body, which can hold phone numbers.
/// </summary>
public sealed partial class ApiAuditMiddleware(RequestDelegate next, ILogger<ApiAuditMiddleware> logger)
{
    /// <summary>The API's reads that disclose a resident's record or export residents (the console audits the same).</summary>
    private static readonly HashSet<string> AuditedReads = new(StringComparer.OrdinalIgnoreCase)
    {
        "/api/residents/{id:int}",
        "/api/residents/export",
        "/api/residents/imports/{id:int}/rejected.csv",
        "/api/campaigns/{id:int}/unreached.csv",
    };

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Webhooks pass through here at the rate messages go out: nothing is added to their path.
        return context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? InvokeAuditedAsync(context) : next(context);
    }

    private async Task InvokeAuditedAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode >= StatusCodes.Status400BadRequest || ActionOf(context) is not { } action)
        {
            return;
        }

        var path = context.Request.Path.Value;
        try
        {
            // Resolved only here: most API requests are reads that need no audit log.
            var audit = context.RequestServices.GetRequiredService<StaffAuditLog>();
            // Not with the request's token: the action has happened, so its entry is written even if the caller has gone.
            await audit.RecordAsync(action, path, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The response has gone out; the action cannot be undone, but it must not go unnoticed.
            LogNotAudited(ex, action, path);
        }
    }

    /// <summary>"api POST /api/campaigns/{id:int}/launch" for an audited request to the API, else null.</summary>
    private static string? ActionOf(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: RoutePattern pattern })
        {
            return null;
        }

        var method = context.Request.Method;
        var reads = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        var route = pattern.RawText ?? context.Request.Path.Value ?? string.Empty;
        if (!route.StartsWith('/'))
        {
            route = "/" + route;
        }

        return !reads || AuditedReads.Contains(route) ? $"api {method} {route}" : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The API action {Action} on {Path} succeeded but could not be written to the audit log")]
    private partial void LogNotAudited(Exception exception, string action, string? path);
}
