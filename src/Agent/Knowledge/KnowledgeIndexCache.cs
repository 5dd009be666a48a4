using System.Collections.Concurrent;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// Built indexes per (street, community) scope, dropped whenever a document changes through this process.
/// One server process owns the knowledge API, so this is enough; a scaled-out deployment would key on a stored version.
/// An index built while embeddings were wanted but unavailable is not kept, so the vectors are tried again.
/// </summary>
public sealed class KnowledgeIndexCache
{
    private readonly ConcurrentDictionary<(int? Street, int? Community), KnowledgeIndex> indexes = new();

    public async Task<KnowledgeIndex> GetAsync(int? streetId, int? communityId, Func<CancellationToken, Task<(KnowledgeIndex Index, bool Complete)>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (indexes.TryGetValue((streetId, communityId), out var index))
        {
            return index;
        }

        var (built, complete) = await build(cancellationToken);
        return complete ? indexes.GetOrAdd((streetId, communityId), built) : built;
    }

    public void Invalidate() => indexes.Clear();
}
