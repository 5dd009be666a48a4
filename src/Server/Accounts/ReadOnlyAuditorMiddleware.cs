using Outreach.Server.Security;

namespace Outreach.Server.Accounts;

/// <summary>
/// Auditors read everything in their scope and change nothing: any POST, PUT, PATCH or DELETE they send
/// (API or console form) is refused with 403, except signing out and switching the console's language.
/// </summary>
public sealed class ReadOnlyAuditorMiddleware(RequestDelegate next)
{
    private static readonly string[] AllowedWrites = ["/logout", "/language"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var reads = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        if (reads
            || !context.User.IsInRole(StaffRoles.Auditor)
            || context.User.IsInRole(StaffRoles.StreetAdmin)
            || AllowedWrites.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        return Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Read-only role",
            detail: "Auditors may read but not change anything.").ExecuteAsync(context);
    }
}
