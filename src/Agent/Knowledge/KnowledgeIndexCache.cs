using System.Collections.Concurrent;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// Built indexes per (street, community) scope, each kept with the version of the documents it was built from and
/// rebuilt when the stored documents' version differs: a document changed through any server (several share one
/// PostgreSQL database) is searched from the next question on. An index built while embeddings were wanted but
/// unavailable is not kept, so the vectors are tried again.
/// </summary>
public sealed class KnowledgeIndexCache
{
    private readonly ConcurrentDictionary<(int? Street, int? Community), (KnowledgeVersion Version, KnowledgeIndex Index)> indexes = new();

    public async Task<KnowledgeIndex> GetAsync(
        int? streetId, int? communityId, KnowledgeVersion version, Func<CancellationToken, Task<(KnowledgeIndex Index, bool Complete)>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (indexes.TryGetValue((streetId, communityId), out var cached) && cached.Version == version)
        {
            return cached.Index;
        }

        var (built, complete) = await build(cancellationToken);
        if (complete)
        {
            indexes[(streetId, communityId)] = (version, built);
        }

        return built;
    }
}

/// <summary>What a scope's documents are: how many, and a digest of their ids and last changes.</summary>
public readonly record struct KnowledgeVersion(int Count, long Digest)
{
    public static KnowledgeVersion Of(IEnumerable<(int Id, DateTimeOffset UpdatedAt)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var (count, digest) = (0, 17L);
        foreach (var (id, updatedAt) in documents.OrderBy(d => d.Id))
        {
            count++;
            digest = unchecked((digest * 1_000_003) ^ id ^ (updatedAt.UtcTicks * 31));
        }

        return new KnowledgeVersion(count, digest);
    }
}
