using Microsoft.EntityFrameworkCore;

namespace Outreach.Campaigns.Storage;

/// <summary>
/// Inserts rows guarded by a unique index. The whole batch goes in one statement batch; when another worker got
/// there first for some row, the batch is retried row by row and the rows it already owns are skipped.
/// </summary>
internal static class UniqueInserts
{
    /// <summary>Returns the rows this call inserted; the rest already existed. <paramref name="alsoInTransaction"/> runs with the inserted rows, in the same transaction.</summary>
    public static async Task<IReadOnlyList<T>> InsertNewAsync<T>(this DbContext db, IReadOnlyList<T> rows, Func<IReadOnlyList<T>, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        if (await TryInsertAsync(db, rows, alsoInTransaction, cancellationToken))
        {
            return rows;
        }

        var inserted = new List<T>(rows.Count);
        foreach (var row in rows)
        {
            if (await TryInsertAsync(db, [row], alsoInTransaction, cancellationToken))
            {
                inserted.Add(row);
            }
        }

        return inserted;
    }

    private static async Task<bool> TryInsertAsync<T>(DbContext db, IReadOnlyList<T> rows, Func<IReadOnlyList<T>, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
        where T : class
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.Set<T>().AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(rows, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            return false;
        }
    }
}
