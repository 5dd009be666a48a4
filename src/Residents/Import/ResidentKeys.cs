using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// The archive's existing residents by external id and by phone, loaded once per import so matching a row
/// costs no query. A row with an external id matches that id, or else a resident with its phone and no
/// external id of their own (who is then given it); a row without one matches by phone.
/// </summary>
internal sealed class ResidentKeys
{
    private readonly Dictionary<string, int> byExternalId;
    private readonly Dictionary<string, (int Id, bool HasExternalId)> byPhone;

    private ResidentKeys(int capacity)
    {
        byExternalId = new(capacity, StringComparer.Ordinal);
        byPhone = new(capacity, StringComparer.Ordinal);
    }

    /// <param name="db">The archive.</param>
    /// <param name="importedRows">The rows of the file, each of which may add a key: the dictionaries are made that big
    /// at once rather than grown (and rehashed) a dozen times on the writing thread.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static async Task<ResidentKeys> LoadAsync(ResidentsDbContext db, int importedRows, CancellationToken cancellationToken)
    {
        var keys = new ResidentKeys(await db.Residents.CountAsync(cancellationToken) + importedRows);
        await foreach (var r in db.Residents.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.ExternalId, r.Phone }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            keys.Add(r.Id, r.ExternalId, r.Phone);
        }

        return keys;
    }

    public int? Find(ImportRow row)
    {
        if (row.ExternalId is not null && byExternalId.TryGetValue(row.ExternalId, out var id))
        {
            return id;
        }

        return byPhone.TryGetValue(row.Phone, out var owner) && (row.ExternalId is null || !owner.HasExternalId) ? owner.Id : null;
    }

    /// <summary>Records a resident the import created or updated, so later rows of the file match them.</summary>
    public void Add(ImportRow row, int id) => Add(id, row.ExternalId, row.Phone);

    /// <summary>Records the residents a chunk created, <paramref name="ids"/> in the order of <paramref name="rows"/>.
    /// A loop of its own, compiled optimised from its first call: it runs for every new resident, from an async method
    /// that is called only a few hundred times an import.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(IReadOnlyList<(ImportRow Row, int CommunityId)> rows, int[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            Add(ids[i], rows[i].Row.ExternalId, rows[i].Row.Phone);
        }
    }

    private void Add(int id, string? externalId, string phone)
    {
        if (externalId is not null)
        {
            byExternalId[externalId] = id;
        }

        // The first resident with a phone owns it; once they have an external id, rows with another id no longer match
        // them. One lookup: the entry is added, or found and changed in place.
        ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(byPhone, phone, out var found);
        if (!found || owner.Id == id)
        {
            owner = (id, externalId is not null || owner.HasExternalId);
        }
    }
}
