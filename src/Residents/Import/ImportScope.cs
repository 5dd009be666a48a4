using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Holds an import's rows to the communities of the staff member who uploaded it (<see cref="ResidentImport.CommunityIds"/>):
/// a row naming another community is rejected, a row with no community gets the uploader's when they have exactly
/// one, and a row that matches a resident of another community (by external id or phone) is rejected rather than
/// updating them.
/// </summary>
internal sealed class ImportScope
{
    private readonly IReadOnlySet<int>? communities;
    private readonly IReadOnlyDictionary<int, string> names;
    private readonly HashSet<int> othersResidents;

    private ImportScope(IReadOnlySet<int>? communities, IReadOnlyDictionary<int, string> names, HashSet<int> othersResidents)
    {
        this.communities = communities;
        this.names = names;
        this.othersResidents = othersResidents;
    }

    public static async Task<ImportScope> LoadAsync(ResidentsDbContext db, ResidentImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(import);
        if (import.CommunityIds is not { } ids)
        {
            return new ImportScope(null, new Dictionary<int, string>(), []);
        }

        var names = await db.Communities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var others = await db.Residents.AsNoTracking().Where(r => !ids.Contains(r.CommunityId)).Select(r => r.Id).ToListAsync(cancellationToken);
        return new ImportScope(ids.ToHashSet(), names, [.. others]);
    }

    /// <summary>Gives a row without a community the uploader's only one; returns why the row is outside the scope, or null.</summary>
    public string? Check(ImportRow row, ResidentKeys keys)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(keys);
        if (communities is null)
        {
            return null;
        }

        if (row.CommunityId is null && communities.Count == 1)
        {
            row.CommunityId = communities.Single();
        }

        if (row.CommunityId is { } community && !communities.Contains(community))
        {
            return $"community {names.GetValueOrDefault(community, community.ToString(System.Globalization.CultureInfo.InvariantCulture))} is not yours";
        }

        // Keys grow only with residents this import wrote, all inside the scope, so a match found now is the one the write will find.
        return keys.Find(row) is { } id && othersResidents.Contains(id)
            ? $"{(row.ExternalId is null ? "phone " + row.Phone : "external id " + row.ExternalId)} belongs to a resident of another community, not yours"
            : null;
    }
}
