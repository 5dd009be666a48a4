using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Outreach.Campaigns.Inbox;

namespace Outreach.Campaigns.Api;

/// <summary>/api/inbox: what residents need from a person, for the community staff.</summary>
public static class InboxApi
{
    public static RouteGroupBuilder MapInboxRoutes(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/inbox").WithTags("Inbox");
        group.MapGet("/", ListAsync);
        group.MapPost("/{id:int}/assign", AssignAsync);
        group.MapPost("/{id:int}/reply", (int id, ReplyRequest request, InboxDesk desk, HttpContext http, CancellationToken ct) => ReplyAsync(id, request, resolve: false, desk, http, ct));
        group.MapPost("/{id:int}/resolve", (int id, ReplyRequest? request, InboxDesk desk, HttpContext http, CancellationToken ct) => ReplyAsync(id, request, resolve: true, desk, http, ct));
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<InboxItem>>, ValidationProblem>> ListAsync(string? status, int? communityId, InboxDesk desk, CancellationToken cancellationToken)
    {
        InboxItemStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<InboxItemStatus>(status, ignoreCase: true, out var value))
            {
                return Invalid("status", $"status '{status}' is not one of open, assigned, resolved");
            }

            parsed = value;
        }

        return TypedResults.Ok(await desk.ListAsync(parsed, communityId, cancellationToken));
    }

    private static async Task<Results<Ok<InboxItem>, ProblemHttpResult, ValidationProblem>> AssignAsync(int id, AssignRequest request, InboxDesk desk, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Assignee))
        {
            return Invalid("assignee", "assignee is required");
        }

        var item = await desk.FindAsync(id, cancellationToken);
        if (item is null)
        {
            return CampaignsApi.NotFound(id, "inbox item");
        }

        await desk.AssignAsync(item, request.Assignee.Trim(), cancellationToken);
        return TypedResults.Ok(item);
    }

    /// <summary>Reply texts the resident; resolve closes the item, texting the resident too when it carries text.</summary>
    private static async Task<Results<Ok<InboxItem>, ProblemHttpResult, ValidationProblem>> ReplyAsync(
        int id, ReplyRequest? request, bool resolve, InboxDesk desk, HttpContext http, CancellationToken cancellationToken)
    {
        var text = request?.Text?.Trim();
        if (!resolve && string.IsNullOrEmpty(text))
        {
            return Invalid("text", "text is required");
        }

        var item = await desk.FindAsync(id, cancellationToken);
        if (item is null)
        {
            return CampaignsApi.NotFound(id, "inbox item");
        }

        if (string.IsNullOrEmpty(text))
        {
            await desk.ResolveAsync(item, cancellationToken);
            return TypedResults.Ok(item);
        }

        var sent = await desk.ReplyAsync(item, text, http.User.Identity?.Name ?? "staff", resolve, cancellationToken);
        if (sent is null)
        {
            return TypedResults.Problem($"resident {item.ResidentId} of inbox item {id} is no longer in the archive", statusCode: StatusCodes.Status409Conflict);
        }

        return sent.Accepted
            ? TypedResults.Ok(item)
            : TypedResults.Problem($"the reply to inbox item {id} was not sent: {sent.Disposition} {sent.ErrorMessage}", statusCode: StatusCodes.Status502BadGateway);
    }

    private static ValidationProblem Invalid(string field, string message)
        => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);
}
