using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Delivery;

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

    /// <summary>
    /// Locks the attempts until the transaction ends (a write that changes nothing), so that what the transaction reads
    /// next is what concurrent writers, on any server, committed. SQLite's write transaction already holds the file's
    /// write lock, so there it does nothing.
    /// </summary>
    public static async Task LockAsync(this DbContext db, IQueryable<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await attempts.ExecuteUpdateAsync(s => s.SetProperty(a => a.StatusRank, a => a.StatusRank), cancellationToken);
        }
    }
}
