using System.Collections.Concurrent;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// Built indexes per (street, community) scope, dropped whenever a document changes through this process.
/// One server process owns the knowledge API, so this is enough; a scaled-out deployment would key on a stored version.
/// </summary>
public sealed class KnowledgeIndexCache
{
    private readonly ConcurrentDictionary<(int? Street, int? Community), LexicalIndex> indexes = new();

    public async Task<LexicalIndex> GetAsync(int? streetId, int? communityId, Func<CancellationToken, Task<List<KnowledgeDocument>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (indexes.TryGetValue((streetId, communityId), out var index))
        {
            return index;
        }

        index = LexicalIndex.Build(await load(cancellationToken));
        return indexes.GetOrAdd((streetId, communityId), index);
    }

    public void Invalidate() => indexes.Clear();
}
