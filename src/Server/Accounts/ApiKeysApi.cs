using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Server.Security;

namespace Outreach.Server.Accounts;

/// <summary>/api/keys: street admins issue, list and revoke integration API keys.</summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/keys")
            .WithTags("API keys")
            .RequireAuthorization(policy => policy.RequireRole(StaffRoles.StreetAdmin));
        keys.MapPost("/", IssueAsync);
        keys.MapGet("/", ListAsync);
        keys.MapDelete("/{id:int}", RevokeAsync);
        return endpoints;
    }

    private static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem>> IssueAsync(
        IssueKeyRequest request, IntegrationApiKeys keys, StaffAuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["name is required (1–100 characters)."];
        }

        if (request.Role is null || !IntegrationApiKeys.Roles.Contains(request.Role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", IntegrationApiKeys.Roles)}."];
        }

        var communities = request.CommunityIds ?? [];
        if (communities.Any(id => id <= 0))
        {
            errors["communityIds"] = ["communityIds must be positive community ids."];
        }
        else if (request.Role is StaffRoles.CommunityStaff or StaffRoles.Auditor && communities.Count == 0)
        {
            errors["communityIds"] = ["communityIds must name at least one community for community_staff and auditor keys."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var issued = await keys.IssueAsync(request.Name!, request.Role!, communities, http.User.Identity?.Name ?? "unknown", cancellationToken);
        await audit.RecordAsync("created_api_key", $"api key {issued.Record.Id}", issued.Record.Name, cancellationToken);
        return TypedResults.Created($"/api/keys/{issued.Record.Id}", new IssuedKeyResponse(ApiKeyView.From(issued.Record), issued.Key));
    }

    private static async Task<Ok<List<ApiKeyView>>> ListAsync(IntegrationApiKeys keys, CancellationToken cancellationToken)
        => TypedResults.Ok((await keys.ListAsync(cancellationToken)).Select(ApiKeyView.From).ToList());

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(int id, IntegrationApiKeys keys, StaffAuditLog audit, CancellationToken cancellationToken)
    {
        if (!await keys.RevokeAsync(id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync("revoked_api_key", $"api key {id}", null, cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>POST /api/keys body.</summary>
public sealed record IssueKeyRequest(string? Name, string? Role, IReadOnlyList<int>? CommunityIds);

/// <summary>A key as listed (never the key itself).</summary>
public sealed record ApiKeyView(int Id, string Name, string Prefix, string Role, IReadOnlyList<int> CommunityIds, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView From(IntegrationApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Name, key.Prefix, key.Role, key.CommunityIds, key.CreatedAt, key.CreatedBy, key.RevokedAt);
    }
}

/// <summary>The answer to POST /api/keys: the only time the key is shown.</summary>
public sealed record IssuedKeyResponse(ApiKeyView Record, string Key);
