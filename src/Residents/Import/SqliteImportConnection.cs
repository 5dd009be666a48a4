using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Holds the context's SQLite connection open for an import with settings made for it, and puts the connection's own
/// settings back when the import is done (the connection returns to the pool and serves the rest of the app):
/// <list type="bullet">
/// <item>A 64 MB page cache (SQLite's default is 2 MB). Phones arrive in no order, so each insert touches another page
/// of the phone index, and a street's archive (table, three indexes, custom dates) is tens of MB: with the default
/// cache, pages are written out mid-transaction and read again. The cache grows only as pages are used, so it costs
/// at most 64 MB during an import and is given back afterwards.</item>
/// <item><c>synchronous = NORMAL</c>: in WAL mode a commit then no longer waits for the disk (fsync); checkpoints still
/// do. A power cut can lose the last committed batches, never corrupt the file; a batch's rows and the import's
/// counters commit together, so the rerun that follows resumes after the last batch that reached the disk. The job's
/// final commit, after this is disposed, syncs the whole log, so a finished import is as durable as any write.</item>
/// </list>
/// SQLite takes <c>synchronous</c> only outside a transaction, hence both once per import rather than per batch.
/// </summary>
internal sealed class SqliteImportConnection : IAsyncDisposable
{
    private const int ImportCacheKibibytes = 64 * 1024;

    private readonly ResidentsDbContext db;
    private readonly (long CacheSize, long Synchronous) found;

    private SqliteImportConnection(ResidentsDbContext db, (long CacheSize, long Synchronous) found) => (this.db, this.found) = (db, found);

    /// <summary>Null on other databases, which need none of this.</summary>
    public static async Task<SqliteImportConnection?> OpenAsync(ResidentsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var settings = new SqliteImportConnection(
            db, (await PragmaAsync(connection, "cache_size", cancellationToken), await PragmaAsync(connection, "synchronous", cancellationToken)));
        await SetAsync(connection, -ImportCacheKibibytes, 1, cancellationToken);
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await SetAsync(db.Database.GetDbConnection(), found.CacheSize, found.Synchronous, CancellationToken.None);
        await db.Database.CloseConnectionAsync();
    }

    private static async Task<long> PragmaAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <param name="connection">The open connection.</param>
    /// <param name="cacheSize">Pages, or KiB when negative, as PRAGMA cache_size takes it.</param>
    /// <param name="synchronous">0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    private static async Task SetAsync(DbConnection connection, long cacheSize, long synchronous, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize}; PRAGMA synchronous = {synchronous}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
