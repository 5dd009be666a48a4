using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Outreach.Server.Security;

/// <summary>Declares the bearer API key in the OpenAPI document.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Outreach API";
        document.Info.Description = "Batch notices by call and SMS, residents' replies, and the staff inbox. Send 'Authorization: Bearer <api key>'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The admin API key (Outreach:AdminApiKey, or the one printed at first start).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
