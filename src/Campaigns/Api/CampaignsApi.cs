using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Access;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Reports;

namespace Outreach.Campaigns.Api;

/// <summary>/api/campaigns: define, launch, steer and report on campaigns.</summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignRoutes(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns").WithTags("Campaigns");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:int}", GetAsync);
        group.MapPost("/{id:int}/launch", LaunchAsync);
        group.MapPost("/{id:int}/pause", (int id, CampaignAccess access, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken ct)
            => ChangeAsync(id, lifecycle.PauseAsync, "only a running or scheduled campaign can be paused", access, reports, ct));
        group.MapPost("/{id:int}/resume", (int id, CampaignAccess access, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken ct)
            => ChangeAsync(id, lifecycle.ResumeAsync, "only a paused campaign can be resumed", access, reports, ct));
        group.MapPost("/{id:int}/cancel", (int id, CampaignAccess access, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken ct)
            => ChangeAsync(id, lifecycle.CancelAsync, "a completed or cancelled campaign cannot be cancelled", access, reports, ct));
        group.MapGet("/{id:int}/preview", PreviewAsync);
        group.MapGet("/{id:int}/report", ReportAsync);
        group.MapGet("/{id:int}/unreached.csv", UnreachedCsvAsync);
        return group;
    }

    private static async Task<Results<Created<CampaignView>, ValidationProblem>> CreateAsync(
        CreateCampaignRequest request, CampaignDrafts drafts, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var campaign = await drafts.CreateAsync(request, http.User.Identity?.Name, errors, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join("; ", errors.Values.SelectMany(v => v)));
        }

        return TypedResults.Created($"/api/campaigns/{campaign.Id}", CampaignView.From(campaign, null));
    }

    /// <summary>The campaigns reaching the caller's communities, newest first; runs of a recurring campaign with <paramref name="runOf"/>.</summary>
    private static async Task<Ok<List<CampaignView>>> ListAsync(int? runOf, CampaignAccess access, CancellationToken cancellationToken)
    {
        var campaigns = access.Visible;
        if (runOf is { } parentId)
        {
            campaigns = campaigns.Where(c => c.ParentId == parentId);
        }

        var rows = await campaigns.OrderByDescending(c => c.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(c => CampaignView.From(c, null)).ToList());
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(int id, CampaignAccess access, CampaignReports reports, CancellationToken cancellationToken)
        => await ViewAsync(id, access, reports, cancellationToken) is { } view ? TypedResults.Ok(view) : NotFound(id);

    private static async Task<Results<Accepted<CampaignView>, ProblemHttpResult>> LaunchAsync(
        int id, CampaignAccess access, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken cancellationToken)
        => await lifecycle.LaunchAsync(id, cancellationToken)
            ? TypedResults.Accepted($"/api/campaigns/{id}", await ViewAsync(id, access, reports, cancellationToken))
            : await RefusedAsync(id, $"campaign {id} was already launched; only a draft can be launched", access, cancellationToken);

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> ChangeAsync(
        int id, Func<int, CancellationToken, Task<bool>> change, string whenNot, CampaignAccess access, CampaignReports reports, CancellationToken cancellationToken)
        => await change(id, cancellationToken)
            ? TypedResults.Ok((await ViewAsync(id, access, reports, cancellationToken))!)
            : await RefusedAsync(id, $"campaign {id}: {whenNot}", access, cancellationToken);

    /// <summary>
    /// Why a change was refused: 409 when the caller may steer the campaign but not from its status, 403 when they may
    /// only see it, 404 when they may not see it at all.
    /// </summary>
    private static async Task<ProblemHttpResult> RefusedAsync(int id, string conflict, CampaignAccess access, CancellationToken cancellationToken)
    {
        if (await access.Steerable.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Conflict(conflict);
        }

        return await access.Visible.AnyAsync(c => c.Id == id, cancellationToken)
            ? TypedResults.Problem($"campaign {id} also reaches communities outside yours; a street admin steers it", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
            : NotFound(id);
    }

    private static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> PreviewAsync(int id, CampaignAccess access, CampaignPreview preview, CancellationToken cancellationToken)
    {
        var campaign = await access.Visible.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return campaign is null ? NotFound(id) : TypedResults.Ok(await preview.BuildAsync(campaign, cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<CommunityFunnel>>, ProblemHttpResult>> ReportAsync(int id, CampaignAccess access, CampaignReports reports, CancellationToken cancellationToken)
        => await access.Visible.AnyAsync(c => c.Id == id, cancellationToken)
            ? TypedResults.Ok(await reports.FunnelAsync(id, cancellationToken))
            : NotFound(id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> UnreachedCsvAsync(int id, CampaignAccess access, CampaignReports reports, CancellationToken cancellationToken)
    {
        if (!await access.Visible.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        using var content = new MemoryStream();
        await reports.WriteUnreachedCsvAsync(id, content, cancellationToken);
        return TypedResults.File(content.ToArray(), "text/csv; charset=utf-8", $"campaign-{id}-unreached.csv");
    }

    private static async Task<CampaignView?> ViewAsync(int id, CampaignAccess access, CampaignReports reports, CancellationToken cancellationToken)
    {
        var campaign = await access.Visible.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return campaign is null ? null : CampaignView.From(campaign, await reports.CountsAsync(id, cancellationToken));
    }

    internal static ProblemHttpResult NotFound(int id, string what = "campaign")
        => TypedResults.Problem($"{what} {id} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    internal static ProblemHttpResult Conflict(string detail)
        => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
