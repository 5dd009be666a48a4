using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Outreach.Campaigns.Storage;

/// <summary>
/// The module's write transactions. SQLite has one writer at a time and makes the others sleep and retry; queueing this
/// process's writers on an async gate instead keeps the file's write lock busy rather than contended (dispatch jobs,
/// recovery and status callbacks all write at once). PostgreSQL locks rows and needs no gate.
/// </summary>
internal static class WriteTransactions
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<WriteTransaction> BeginWriteAsync(this DbContext db, CancellationToken cancellationToken)
    {
        SemaphoreSlim? gate = null;
        if (db.Database.IsSqlite())
        {
            gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}
