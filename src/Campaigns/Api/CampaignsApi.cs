using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Reports;
using Outreach.Campaigns.Storage;

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
        group.MapPost("/{id:int}/pause", (int id, CampaignsDbContext db, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken ct)
            => ChangeAsync(id, lifecycle.PauseAsync, "only a running or scheduled campaign can be paused", db, reports, ct));
        group.MapPost("/{id:int}/resume", (int id, CampaignsDbContext db, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken ct)
            => ChangeAsync(id, lifecycle.ResumeAsync, "only a paused campaign can be resumed", db, reports, ct));
        group.MapPost("/{id:int}/cancel", (int id, CampaignsDbContext db, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken ct)
            => ChangeAsync(id, lifecycle.CancelAsync, "a completed or cancelled campaign cannot be cancelled", db, reports, ct));
        group.MapGet("/{id:int}/preview", PreviewAsync);
        group.MapGet("/{id:int}/report", ReportAsync);
        group.MapGet("/{id:int}/unreached.csv", UnreachedCsvAsync);
        return group;
    }

    private static async Task<Results<Created<CampaignView>, ValidationProblem>> CreateAsync(
        CreateCampaignRequest request, CampaignsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var campaign = CampaignRequestValidation.ToCampaign(request, time.GetUtcNow(), http.User.Identity?.Name, errors);
        if (campaign is null)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join("; ", errors.Values.SelectMany(v => v)));
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", CampaignView.From(campaign, null));
    }

    private static async Task<Ok<List<CampaignView>>> ListAsync(CampaignsDbContext db, CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(campaigns.Select(c => CampaignView.From(c, null)).ToList());
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(int id, CampaignsDbContext db, CampaignReports reports, CancellationToken cancellationToken)
        => await ViewAsync(id, db, reports, cancellationToken) is { } view ? TypedResults.Ok(view) : NotFound(id);

    private static async Task<Results<Accepted<CampaignView>, ProblemHttpResult>> LaunchAsync(
        int id, CampaignsDbContext db, CampaignLifecycle lifecycle, CampaignReports reports, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        if (!await lifecycle.LaunchAsync(id, cancellationToken))
        {
            return Conflict($"campaign {id} was already launched; only a draft can be launched");
        }

        return TypedResults.Accepted($"/api/campaigns/{id}", await ViewAsync(id, db, reports, cancellationToken));
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> ChangeAsync(
        int id, Func<int, CancellationToken, Task<bool>> change, string whenNot, CampaignsDbContext db, CampaignReports reports, CancellationToken cancellationToken)
    {
        if (await change(id, cancellationToken))
        {
            return TypedResults.Ok((await ViewAsync(id, db, reports, cancellationToken))!);
        }

        return await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken) ? Conflict($"campaign {id}: {whenNot}") : NotFound(id);
    }

    private static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> PreviewAsync(int id, CampaignsDbContext db, CampaignPreview preview, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return campaign is null ? NotFound(id) : TypedResults.Ok(await preview.BuildAsync(campaign, cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<CommunityFunnel>>, ProblemHttpResult>> ReportAsync(int id, CampaignsDbContext db, CampaignReports reports, CancellationToken cancellationToken)
        => await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken)
            ? TypedResults.Ok(await reports.FunnelAsync(id, cancellationToken))
            : NotFound(id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> UnreachedCsvAsync(int id, CampaignsDbContext db, CampaignReports reports, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        using var content = new MemoryStream();
        await reports.WriteUnreachedCsvAsync(id, content, cancellationToken);
        return TypedResults.File(content.ToArray(), "text/csv; charset=utf-8", $"campaign-{id}-unreached.csv");
    }

    private static async Task<CampaignView?> ViewAsync(int id, CampaignsDbContext db, CampaignReports reports, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return campaign is null ? null : CampaignView.From(campaign, await reports.CountsAsync(id, cancellationToken));
    }

    internal static ProblemHttpResult NotFound(int id, string what = "campaign")
        => TypedResults.Problem($"{what} {id} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    internal static ProblemHttpResult Conflict(string detail)
        => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
