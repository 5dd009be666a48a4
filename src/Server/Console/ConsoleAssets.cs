using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Outreach.Server.StaffConsole;

/// <summary>
/// Serves the console's own CSS and JS from wwwroot/console, anonymously (the login page needs them). An endpoint
/// rather than the static-files middleware, because the fallback policy would otherwise demand a signed-in user
/// for every file; pages link them with asp-append-version, so they can be cached for long.
/// </summary>
public static class ConsoleAssets
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapConsoleAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console/{file}", (string file, IWebHostEnvironment environment, HttpContext http) =>
        {
            var info = environment.WebRootFileProvider.GetFileInfo("console/" + file);
            if (!info.Exists || info.IsDirectory || !ContentTypes.TryGetContentType(file, out var contentType))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = http.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Stream(info.CreateReadStream(), contentType, lastModified: info.LastModified, entityTag: new EntityTagHeaderValue($"\"{info.LastModified.UtcTicks:x}\""));
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
