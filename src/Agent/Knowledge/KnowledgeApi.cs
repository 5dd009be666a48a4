using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Prompts;
using Outreach.Agent.Storage;
using Outreach.Residents.Storage;

namespace Outreach.Agent.Knowledge;

/// <summary>/api/knowledge: the markdown documents answers are grounded in, per street and community.</summary>
public static class KnowledgeApi
{
    public static RouteGroupBuilder MapKnowledgeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/knowledge").WithTags("Knowledge");
        group.MapGet("/", ListAsync);
        group.MapGet("/search", SearchAsync);
        group.MapGet("/{id:int}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:int}", ReplaceAsync);
        group.MapDelete("/{id:int}", DeleteAsync);
        return group;
    }

    private static async Task<Ok<List<KnowledgeDocumentResponse>>> ListAsync(AgentDbContext db, int? streetId, int? communityId, CancellationToken cancellationToken)
    {
        var query = db.Knowledge.AsNoTracking();
        if (streetId is not null)
        {
            query = query.Where(d => d.StreetId == null || d.StreetId == streetId);
        }

        if (communityId is not null)
        {
            query = query.Where(d => d.CommunityId == null || d.CommunityId == communityId);
        }

        var documents = await query.OrderBy(d => d.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(documents.Select(KnowledgeDocumentResponse.From).ToList());
    }

    private static async Task<Results<Ok<KnowledgeSearchResponse>, ValidationProblem>> SearchAsync(KnowledgeBase knowledge, string? q, int? streetId, int? communityId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["The question is required."] });
        }

        var hit = await knowledge.SearchAsync(streetId, communityId, q, cancellationToken);
        return TypedResults.Ok(hit is null
            ? new KnowledgeSearchResponse(false, null, null, null, null, null)
            : new KnowledgeSearchResponse(true, hit.Passage.DocumentId, hit.Passage.Title, hit.Passage.Text, Math.Round(hit.Score, 3), hit.Similarity is { } similarity ? Math.Round(similarity, 3) : null));
    }

    private static async Task<Results<Ok<KnowledgeDocumentResponse>, NotFound>> GetAsync(AgentDbContext db, int id, CancellationToken cancellationToken)
        => await db.Knowledge.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is { } document
            ? TypedResults.Ok(KnowledgeDocumentResponse.From(document))
            : TypedResults.NotFound();

    private static async Task<Results<Created<KnowledgeDocumentResponse>, ValidationProblem>> CreateAsync(
        KnowledgeDocumentRequest request, AgentDbContext db, ResidentsDbContext residents, KnowledgeIndexCache cache, KnowledgeEmbedder embedder, TimeProvider time, CancellationToken cancellationToken)
    {
        var (errors, streetId) = await ValidateAsync(request, residents, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var document = new KnowledgeDocument
        {
            Title = request.Title!.Trim(),
            Markdown = request.Markdown!,
            Language = request.Language ?? "zh-CN",
            StreetId = streetId,
            CommunityId = request.CommunityId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Knowledge.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        await IndexAsync(document, cache, embedder, cancellationToken);
        return TypedResults.Created($"/api/knowledge/{document.Id}", KnowledgeDocumentResponse.From(document));
    }

    private static async Task<Results<Ok<KnowledgeDocumentResponse>, NotFound, ValidationProblem>> ReplaceAsync(
        int id, KnowledgeDocumentRequest request, AgentDbContext db, ResidentsDbContext residents, KnowledgeIndexCache cache, KnowledgeEmbedder embedder, TimeProvider time, CancellationToken cancellationToken)
    {
        var (errors, streetId) = await ValidateAsync(request, residents, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var document = await db.Knowledge.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        document.Title = request.Title!.Trim();
        document.Markdown = request.Markdown!;
        document.Language = request.Language ?? document.Language;
        document.StreetId = streetId;
        document.CommunityId = request.CommunityId;
        document.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await IndexAsync(document, cache, embedder, cancellationToken);
        return TypedResults.Ok(KnowledgeDocumentResponse.From(document));
    }

    /// <summary>
    /// Makes a saved document searchable: its passages' vectors now (when embeddings are on; a provider failure is
    /// logged and the vectors are filled at the next search), and every cached index rebuilt on next use.
    /// </summary>
    private static async Task IndexAsync(KnowledgeDocument document, KnowledgeIndexCache cache, KnowledgeEmbedder embedder, CancellationToken cancellationToken)
    {
        if (embedder.Enabled)
        {
            await embedder.EnsureAsync([document], cancellationToken);
        }

        cache.Invalidate();
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, AgentDbContext db, KnowledgeIndexCache cache, CancellationToken cancellationToken)
    {
        var deleted = await db.Knowledge.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken);
        cache.Invalidate();
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    /// <summary>Field errors, and the street the document belongs to (taken from its community when only that is given).</summary>
    private static async Task<(Dictionary<string, string[]> Errors, int? StreetId)> ValidateAsync(KnowledgeDocumentRequest? request, ResidentsDbContext residents, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON body with title and markdown is required."];
            return (errors, null);
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > KnowledgeLimits.TitleLength)
        {
            errors["title"] = [$"The title is required and at most {KnowledgeLimits.TitleLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(request.Markdown) || request.Markdown.Length > KnowledgeLimits.MarkdownLength)
        {
            errors["markdown"] = [$"The markdown is required and at most {KnowledgeLimits.MarkdownLength} characters."];
        }

        if (request.Language is not null && !LanguageTag.IsValid(request.Language))
        {
            errors["language"] = [$"'{request.Language}' is not a language tag such as zh-CN or en."];
        }

        var streetId = request.StreetId;
        if (request.StreetId is { } street && !await residents.Streets.AnyAsync(s => s.Id == street, cancellationToken))
        {
            errors["streetId"] = [$"There is no street {street}."];
        }

        if (request.CommunityId is { } communityId)
        {
            var community = await residents.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, cancellationToken);
            if (community is null)
            {
                errors["communityId"] = [$"There is no community {communityId}."];
            }
            else if (streetId is not null && streetId != community.StreetId)
            {
                errors["communityId"] = [$"Community {communityId} belongs to street {community.StreetId}, not {streetId}."];
            }
            else
            {
                streetId = community.StreetId;
            }
        }

        return (errors, streetId);
    }
}
