using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Outreach.Residents.Access;

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

    private static async Task<Ok<List<KnowledgeDocumentResponse>>> ListAsync(KnowledgeDocuments documents, int? streetId, int? communityId, CancellationToken cancellationToken)
        => TypedResults.Ok((await documents.ListAsync(streetId, communityId, cancellationToken)).Select(KnowledgeDocumentResponse.From).ToList());

    private static async Task<Results<Ok<KnowledgeSearchResponse>, ValidationProblem>> SearchAsync(
        KnowledgeBase knowledge, ICommunityScopeAccessor scopeAccessor, string? q, int? streetId, int? communityId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["The question is required."] });
        }

        // Community staff search what their own residents would be answered from: one of their communities.
        var scope = scopeAccessor.Current;
        if (!scope.IsUnrestricted)
        {
            communityId ??= scope.CommunityIds is { Count: 1 } only ? only.First() : null;
            if (communityId is not { } community || !scope.Allows(community))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["communityId"] = ["Give one of your own communities to search in."] });
            }
        }

        var hit = await knowledge.SearchAsync(streetId, communityId, q, cancellationToken);
        return TypedResults.Ok(hit is null
            ? new KnowledgeSearchResponse(false, null, null, null, null, null)
            : new KnowledgeSearchResponse(true, hit.Passage.DocumentId, hit.Passage.Title, hit.Passage.Text, Math.Round(hit.Score, 3), hit.Similarity is { } similarity ? Math.Round(similarity, 3) : null));
    }

    private static async Task<Results<Ok<KnowledgeDocumentResponse>, NotFound>> GetAsync(KnowledgeDocuments documents, int id, CancellationToken cancellationToken)
        => await documents.FindAsync(id, cancellationToken) is { } document
            ? TypedResults.Ok(KnowledgeDocumentResponse.From(document))
            : TypedResults.NotFound();

    private static async Task<Results<Created<KnowledgeDocumentResponse>, ValidationProblem>> CreateAsync(
        KnowledgeDocumentRequest request, KnowledgeDocuments documents, CancellationToken cancellationToken)
    {
        var change = await documents.CreateAsync(request, cancellationToken);
        return change.Document is { } document
            ? TypedResults.Created($"/api/knowledge/{document.Id}", KnowledgeDocumentResponse.From(document))
            : TypedResults.ValidationProblem(change.Errors);
    }

    private static async Task<Results<Ok<KnowledgeDocumentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        int id, KnowledgeDocumentRequest request, KnowledgeDocuments documents, CancellationToken cancellationToken)
    {
        var change = await documents.ReplaceAsync(id, request, cancellationToken);
        return change.Status switch
        {
            KnowledgeChangeStatus.Saved => TypedResults.Ok(KnowledgeDocumentResponse.From(change.Document!)),
            KnowledgeChangeStatus.Invalid => TypedResults.ValidationProblem(change.Errors),
            KnowledgeChangeStatus.ReadOnly => ReadOnly(id),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(int id, KnowledgeDocuments documents, CancellationToken cancellationToken)
        => (await documents.DeleteAsync(id, cancellationToken)).Status switch
        {
            KnowledgeChangeStatus.Saved => TypedResults.NoContent(),
            KnowledgeChangeStatus.ReadOnly => ReadOnly(id),
            _ => TypedResults.NotFound(),
        };

    private static ProblemHttpResult ReadOnly(int id)
        => TypedResults.Problem(
            title: "The document is read-only for you",
            detail: $"Document {id} applies to the whole street; only a street admin may change it.",
            statusCode: StatusCodes.Status403Forbidden);
}
