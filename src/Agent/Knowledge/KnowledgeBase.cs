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
        var index = await cache.GetAsync(streetId, communityId, ct => BuildAsync(streetId, communityId, ct), cancellationToken);
        var vector = index.HasVectors ? await embedder.EmbedQuestionAsync(question, cancellationToken) : null;
        return index.Best(question, vector, options.Value.KnowledgeThreshold, options.Value.EmbeddingThreshold);
    }

    private async Task<(KnowledgeIndex, bool Complete)> BuildAsync(int? streetId, int? communityId, CancellationToken cancellationToken)
    {
        var documents = await db.Knowledge.AsNoTracking()
            .Where(d => (d.StreetId == null || d.StreetId == streetId) && (d.CommunityId == null || d.CommunityId == communityId))
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
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
}
