using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Agent.Providers;
using Outreach.Agent.Storage;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// Finds the published passage that answers a resident's question, within their street and community: lexical BM25
/// always, fused with embedding similarity when the provider has an embedding model.
/// </summary>
public sealed class KnowledgeBase(AgentDbContext db, KnowledgeIndexCache cache, KnowledgeEmbedder embedder, IOptions<AgentOptions> options)
{
    /// <summary>The best passage either ranking accepts, or null when nothing published answers it.</summary>
    public async Task<KnowledgeHit?> SearchAsync(int? streetId, int? communityId, string question, CancellationToken cancellationToken)
    {
        // The documents' version, read each time (a scope holds tens of documents): another server may have changed them.
        var stored = await InScope(streetId, communityId).Select(d => new { d.Id, d.UpdatedAt }).ToListAsync(cancellationToken);
        var version = KnowledgeVersion.Of(stored.Select(d => (d.Id, d.UpdatedAt)));
        var index = await cache.GetAsync(streetId, communityId, version, ct => BuildAsync(streetId, communityId, ct), cancellationToken);
        var vector = index.HasVectors ? await embedder.EmbedQuestionAsync(question, cancellationToken) : null;
        return index.Best(question, vector, options.Value.KnowledgeThreshold, options.Value.EmbeddingThreshold);
    }

    private async Task<(KnowledgeIndex, bool Complete)> BuildAsync(int? streetId, int? communityId, CancellationToken cancellationToken)
    {
        var documents = await InScope(streetId, communityId).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var lexical = LexicalIndex.Build(documents);
        if (!embedder.Enabled)
        {
            return (new KnowledgeIndex(lexical, null), true);
        }

        var vectors = await embedder.EnsureAsync(documents, cancellationToken);
        return vectors is null
            ? (new KnowledgeIndex(lexical, null), false)
            : (new KnowledgeIndex(lexical, [.. lexical.Passages.Select(p => vectors[(p.DocumentId, p.Ordinal)])]), true);
    }

    /// <summary>The documents that apply to a street and community: their own, the street's, and those for every street.</summary>
    private IQueryable<KnowledgeDocument> InScope(int? streetId, int? communityId)
        => db.Knowledge.AsNoTracking().Where(d => (d.StreetId == null || d.StreetId == streetId) && (d.CommunityId == null || d.CommunityId == communityId));
}
