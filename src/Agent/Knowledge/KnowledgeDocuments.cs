using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Prompts;
using Outreach.Agent.Storage;
using Outreach.Residents.Access;
using Outreach.Residents.Storage;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// Lists, creates, replaces and deletes the knowledge documents answers are grounded in, for /api/knowledge and the
/// console alike, within the caller's community scope: community staff see their communities' documents and the
/// street-wide ones of their street, and change only their communities' documents. Every change re-indexes.
/// </summary>
public sealed class KnowledgeDocuments(
    AgentDbContext db, ResidentsDbContext residents, KnowledgeEmbedder embedder, ICommunityScopeAccessor scopeAccessor, TimeProvider time)
{
    /// <summary>The documents the caller may read, optionally only those that apply to a street or community.</summary>
    public async Task<List<KnowledgeDocument>> ListAsync(int? streetId, int? communityId, CancellationToken cancellationToken)
    {
        var query = await VisibleAsync(cancellationToken);
        if (streetId is not null)
        {
            query = query.Where(d => d.StreetId == null || d.StreetId == streetId);
        }

        if (communityId is not null)
        {
            query = query.Where(d => d.CommunityId == null || d.CommunityId == communityId);
        }

        return await query.OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>A document the caller may read, or null.</summary>
    public async Task<KnowledgeDocument?> FindAsync(int id, CancellationToken cancellationToken)
        => await (await VisibleAsync(cancellationToken)).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>Whether the caller may change or delete the document: street admins any, community staff their communities'.</summary>
    public bool CanChange(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return scopeAccessor.Current.IsUnrestricted || document.CommunityId is { } community && scopeAccessor.Current.Allows(community);
    }

    public async Task<KnowledgeChange> CreateAsync(KnowledgeDocumentRequest? request, CancellationToken cancellationToken)
    {
        (request, var errors, var streetId) = await CheckAsync(request, cancellationToken);
        if (errors.Count > 0)
        {
            return KnowledgeChange.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var document = new KnowledgeDocument
        {
            Title = request!.Title!.Trim(),
            Markdown = request.Markdown!,
            Language = request.Language ?? "zh-CN",
            StreetId = streetId,
            CommunityId = request.CommunityId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Knowledge.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        await IndexAsync(document, cancellationToken);
        return KnowledgeChange.Saved(document);
    }

    public async Task<KnowledgeChange> ReplaceAsync(int id, KnowledgeDocumentRequest? request, CancellationToken cancellationToken)
    {
        if (await ChangeableAsync(id, cancellationToken) is { Status: not KnowledgeChangeStatus.Saved } refused)
        {
            return refused;
        }

        (request, var errors, var streetId) = await CheckAsync(request, cancellationToken);
        if (errors.Count > 0)
        {
            return KnowledgeChange.Invalid(errors);
        }

        var document = await db.Knowledge.FirstAsync(d => d.Id == id, cancellationToken);
        document.Title = request!.Title!.Trim();
        document.Markdown = request.Markdown!;
        document.Language = request.Language ?? document.Language;
        document.StreetId = streetId;
        document.CommunityId = request.CommunityId;
        // Always later than before, even within one tick of the clock: the documents' version (KnowledgeVersion) is how
        // every server's cached index learns of the change. A millisecond, as SQLite's stored form keeps no finer.
        var now = time.GetUtcNow();
        document.UpdatedAt = now > document.UpdatedAt.AddMilliseconds(1) ? now : document.UpdatedAt.AddMilliseconds(1);
        await db.SaveChangesAsync(cancellationToken);
        await IndexAsync(document, cancellationToken);
        return KnowledgeChange.Saved(document);
    }

    public async Task<KnowledgeChange> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var change = await ChangeableAsync(id, cancellationToken);
        if (change.Status == KnowledgeChangeStatus.Saved)
        {
            await db.Knowledge.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken);
        }

        return change;
    }

    /// <summary>
    /// Makes a saved document's passages' vectors now (when embeddings are on; a provider failure is logged and the
    /// vectors are filled at the next search). Every server's cached index sees the change by the documents' version.
    /// </summary>
    private async Task IndexAsync(KnowledgeDocument document, CancellationToken cancellationToken)
    {
        if (embedder.Enabled)
        {
            await embedder.EnsureAsync([document], cancellationToken);
        }
    }

    /// <summary>Saved (with the document) when the caller may change it; otherwise why not.</summary>
    private async Task<KnowledgeChange> ChangeableAsync(int id, CancellationToken cancellationToken)
        => await FindAsync(id, cancellationToken) switch
        {
            null => KnowledgeChange.NotFound,
            var document when !CanChange(document) => KnowledgeChange.ReadOnly(document),
            var document => KnowledgeChange.Saved(document),
        };

    private async Task<IQueryable<KnowledgeDocument>> VisibleAsync(CancellationToken cancellationToken)
    {
        var query = db.Knowledge.AsNoTracking();
        if (scopeAccessor.Current.CommunityIds is not { } scope)
        {
            return query;
        }

        var communities = scope.ToList();
        var streets = await residents.Communities.AsNoTracking().Where(c => communities.Contains(c.Id)).Select(c => c.StreetId).Distinct().ToListAsync(cancellationToken);
        return query.Where(d => d.CommunityId == null
            ? d.StreetId == null || streets.Contains(d.StreetId.Value)
            : communities.Contains(d.CommunityId.Value));
    }

    /// <summary>The request as it will be saved, its field errors, and the street the document belongs to.</summary>
    private async Task<(KnowledgeDocumentRequest? Request, Dictionary<string, string[]> Errors, int? StreetId)> CheckAsync(
        KnowledgeDocumentRequest? request, CancellationToken cancellationToken)
    {
        request = InScope(request, out var scopeErrors);
        var (errors, streetId) = await ValidateAsync(request, residents, cancellationToken);
        foreach (var (field, messages) in scopeErrors)
        {
            errors[field] = messages;
        }

        return (request, errors, streetId);
    }

    /// <summary>
    /// Community staff write for one of their communities: a request naming none gets theirs when they have exactly
    /// one; one naming another community is refused.
    /// </summary>
    private KnowledgeDocumentRequest? InScope(KnowledgeDocumentRequest? request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (request is null || scopeAccessor.Current.CommunityIds is not { } scope)
        {
            return request;
        }

        if (request.CommunityId is null && scope.Count == 1)
        {
            return request with { CommunityId = scope.Single() };
        }

        if (request.CommunityId is not { } community || !scope.Contains(community))
        {
            errors["communityId"] = [$"Choose one of your communities ({string.Join(", ", scope.Order())}); {(request.CommunityId is null ? "the whole street" : $"community {request.CommunityId}")} is not yours."];
        }

        return request;
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
