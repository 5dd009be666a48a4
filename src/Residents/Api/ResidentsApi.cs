using System.Globalization;
using CsvHelper;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Residents.Access;
using Outreach.Residents.Archive;
using Outreach.Residents.Audiences;
using Outreach.Residents.Export;
using Outreach.Residents.Import;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Residents.Api;

/// <summary>/api/residents and /api/communities.</summary>
internal static class ResidentsApi
{
    private const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var residents = endpoints.MapGroup("/api/residents").WithTags("Residents");
        residents.MapGet("/", SearchAsync).WithSummary("Find residents by phone, community or audience, a page at a time.");
        residents.MapGet("/count", CountAsync).WithSummary("How many residents an audience reaches (opted-out residents never count).");
        residents.MapGet("/{id:int}", GetRecordAsync).WithSummary("A resident's record and a page of their timeline, newest first.");
        residents.MapPost("/{id:int}/notes", AddNoteAsync).WithSummary("Adds a staff note to a resident's timeline.");
        residents.MapPost("/import", ImportAsync).WithSummary("Imports a CSV archive (UTF-8 or GB18030); small files answer with the counts, larger ones run in the background.")
            .Accepts<IFormFile>("text/csv", "multipart/form-data");
        residents.MapGet("/imports/{id:int}", GetImportAsync).WithSummary("An import's progress and counts.");
        residents.MapGet("/imports/{id:int}/rejected.csv", GetRejectedRowsAsync).WithSummary("The rows an import rejected, with line and reason, as CSV.");
        residents.MapGet("/export", ExportAsync).WithSummary("Streams residents (an audience, or everyone) as CSV that imports back unchanged.");
        endpoints.MapGet("/api/communities", ListCommunitiesAsync).WithTags("Residents").WithSummary("The communities the caller may see, with resident counts.");
    }

    private static async Task<Results<Ok<ResidentPageDto>, ProblemHttpResult>> SearchAsync(
        string? phone, string? community, string? audience, int? limit, int? offset,
        ResidentDirectory directory, PhoneNumberParser phones, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return BadRequest("limit", $"limit must be between 1 and {MaxLimit}");
        }

        if (offset is < 0)
        {
            return BadRequest("offset", "offset must be 0 or more");
        }

        if (!AudienceExpression.TryParse(audience, out var parsed, out var error))
        {
            return AudienceProblem(error!);
        }

        var query = parsed.Root is null ? directory.Residents : directory.InAudience(parsed);
        if (!string.IsNullOrWhiteSpace(phone))
        {
            var number = phones.Parse(phone);
            if (number.E164 is not { } e164)
            {
                return BadRequest("phone", number.Error!);
            }

            query = query.Where(r => r.Phone == e164 || r.SecondPhone == e164);
        }

        if (!string.IsNullOrWhiteSpace(community))
        {
            var name = community.Trim();
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var communityId))
            {
                query = query.Where(r => r.CommunityId == communityId);
            }
            else
            {
                var withSuffix = name + "社区";
                query = query.Where(r => r.Community!.Name == name || r.Community.Name == withSuffix);
            }
        }

        var take = limit ?? 50;
        var skip = offset ?? 0;
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(r => r.Id).Skip(skip).Take(take)
            .Include(r => r.Community).Include(r => r.Dates).AsSplitQuery().ToListAsync(cancellationToken);
        var today = directory.Today;
        return TypedResults.Ok(new ResidentPageDto([.. page.Select(r => ResidentDto.From(r, today))], total, take, skip));
    }

    private static async Task<Results<Ok<AudienceCountDto>, ProblemHttpResult>> CountAsync(
        string? audience, ResidentDirectory directory, CancellationToken cancellationToken)
    {
        if (!AudienceExpression.TryParse(audience, out var parsed, out var error))
        {
            return AudienceProblem(error!);
        }

        return TypedResults.Ok(new AudienceCountDto(parsed.Text, await directory.InAudience(parsed).CountAsync(cancellationToken)));
    }

    private static async Task<Results<Ok<ResidentRecordDto>, NotFound, ProblemHttpResult>> GetRecordAsync(
        int id, int? page, int? pageSize, ResidentDirectory directory, ResidentTimeline timeline, CancellationToken cancellationToken)
    {
        if (page is < 1)
        {
            return BadRequest("page", "page must be 1 or more");
        }

        if (pageSize is < 1 or > 200)
        {
            return BadRequest("pageSize", "pageSize must be between 1 and 200");
        }

        var resident = await directory.FindAsync(id, cancellationToken);
        if (resident is null)
        {
            return TypedResults.NotFound();
        }

        var entries = await timeline.GetPageAsync(id, page ?? 1, pageSize ?? 20, cancellationToken);
        return TypedResults.Ok(new ResidentRecordDto(
            ResidentDto.From(resident, directory.Today),
            new TimelinePageDto([.. entries.Items.Select(TimelineEntryDto.From)], entries.Page, entries.PageSize, entries.Total)));
    }

    private static async Task<Results<Created<TimelineEntryDto>, NotFound, ProblemHttpResult>> AddNoteAsync(
        int id, StaffNoteRequest note, HttpContext http, StaffNotes notes, CancellationToken cancellationToken)
    {
        if (StaffNotes.Problem(note?.Text) is { } problem)
        {
            return BadRequest("text", problem);
        }

        var entry = await notes.AddAsync(id, note!.Text!, note.CampaignId, http.User.Identity?.Name ?? "staff", "api", cancellationToken);
        return entry is null ? TypedResults.NotFound() : TypedResults.Created($"/api/residents/{id}", TimelineEntryDto.From(entry));
    }

    private static async Task<Results<Ok<ResidentImportDto>, Accepted<ResidentImportDto>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, string? fileName, ResidentImporter importer, ResidentImportJob job, IBackgroundJobClient jobs,
        IOptions<ResidentsOptions> options, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxImportMegabytes * 1024L * 1024L;
        var body = request.Body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count == 0)
            {
                return BadRequest("file", "the form has no file; attach the CSV file");
            }

            body = form.Files[0].OpenReadStream();
            fileName ??= form.Files[0].FileName;
        }

        if (request.ContentLength > maxBytes)
        {
            return BadRequest("file", $"the file is larger than {options.Value.MaxImportMegabytes} MB");
        }

        byte[] content;
        await using (var buffer = new MemoryStream())
        {
            await body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > maxBytes)
            {
                return BadRequest("file", $"the file is larger than {options.Value.MaxImportMegabytes} MB");
            }

            content = buffer.ToArray();
        }

        ResidentImport import;
        try
        {
            import = await importer.AcceptAsync(content, fileName, request.HttpContext.User.Identity?.Name, cancellationToken);
        }
        catch (ResidentImportFileException ex)
        {
            return BadRequest("file", ex.Message);
        }

        if (import.TotalRows <= options.Value.InlineImportMaxRows)
        {
            // Small files finish within the request; not cancellable, so a closed browser tab leaves no half-run import.
            await job.RunAsync(import.Id, CancellationToken.None);
            return TypedResults.Ok(ResidentImportDto.From((await importer.FindAsync(import.Id, cancellationToken))!));
        }

        jobs.Enqueue<ResidentImportJob>(j => j.RunAsync(import.Id, CancellationToken.None));
        return TypedResults.Accepted($"/api/residents/imports/{import.Id}", ResidentImportDto.From(import));
    }

    private static async Task<Results<Ok<ResidentImportDto>, NotFound>> GetImportAsync(int id, ResidentImporter importer, CancellationToken cancellationToken)
        => await importer.FindAsync(id, cancellationToken) is { } import ? TypedResults.Ok(ResidentImportDto.From(import)) : TypedResults.NotFound();

    private static async Task<Results<PushStreamHttpResult, NotFound>> GetRejectedRowsAsync(int id, ResidentImporter importer, CancellationToken cancellationToken)
    {
        if (await importer.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Stream(stream => importer.WriteRejectedRowsAsync(id, stream, cancellationToken), "text/csv; charset=utf-8", $"import-{id}-rejected.csv");
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> ExportAsync(string? audience, ResidentCsvExport export, CancellationToken cancellationToken)
    {
        if (!AudienceExpression.TryParse(audience, out var parsed, out var error))
        {
            return AudienceProblem(error!);
        }

        return TypedResults.Stream(stream => export.WriteAsync(stream, parsed, cancellationToken), "text/csv; charset=utf-8", "residents.csv");
    }

    private static async Task<Ok<List<CommunityDto>>> ListCommunitiesAsync(
        ResidentsDbContext db, ResidentDirectory directory, ICommunityScopeAccessor scope, CancellationToken cancellationToken)
    {
        var counts = await directory.Residents.GroupBy(r => r.CommunityId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var communities = await db.Communities.AsNoTracking().Include(c => c.Street).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(communities.Where(c => scope.Current.Allows(c.Id))
            .Select(c => new CommunityDto(c.Id, c.Name, c.StreetId, c.Street?.Name, c.OnDutyPhone, counts.GetValueOrDefault(c.Id)))
            .ToList());
    }

    private static ProblemHttpResult AudienceProblem(AudienceSyntaxException error)
        => TypedResults.Problem(
            title: "The audience expression is not valid",
            detail: $"audience: {error.Message}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["field"] = "audience", ["position"] = error.Position, ["reason"] = error.Reason });

    private static ProblemHttpResult BadRequest(string field, string detail)
        => TypedResults.Problem(
            title: $"The {field} is not valid",
            detail: detail.StartsWith(field, StringComparison.Ordinal) ? detail : $"{field}: {detail}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
