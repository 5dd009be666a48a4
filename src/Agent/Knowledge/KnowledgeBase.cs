using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Agent.Providers;
using Outreach.Agent.Storage;

namespace Outreach.Agent.Knowledge;

/// <summary>Finds the published passage that answers a resident's question, within their street and community.</summary>
public sealed class KnowledgeBase(AgentDbContext db, KnowledgeIndexCache cache, IOptions<AgentOptions> options)
{
    /// <summary>The best passage above the configured threshold, or null when nothing published answers it.</summary>
    public async Task<KnowledgeHit?> SearchAsync(int? streetId, int? communityId, string question, CancellationToken cancellationToken)
    {
        var index = await cache.GetAsync(streetId, communityId, ct => db.Knowledge.AsNoTracking()
            .Where(d => (d.StreetId == null || d.StreetId == streetId) && (d.CommunityId == null || d.CommunityId == communityId))
            .OrderBy(d => d.Id)
            .ToListAsync(ct), cancellationToken);
        return index.Best(question, options.Value.KnowledgeThreshold);
    }
}
