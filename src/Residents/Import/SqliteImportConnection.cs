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
/// <item><c>wal_autocheckpoint = 0</c>: the commits leave their pages in the log instead of copying them into the
/// database file once the log passes 1,000 pages, which each batch (and the stored upload) did. The job's final commit,
/// with the connection's own setting back, copies every page once: an index page that every batch changed is copied
/// once rather than per batch, and the upload's 10 MB once, together with the rest.</item>
/// </list>
/// SQLite takes <c>synchronous</c> only outside a transaction, hence all of them once per import rather than per batch.
/// </summary>
internal sealed class SqliteImportConnection : IAsyncDisposable
{
    private const int ImportCacheKibibytes = 64 * 1024;

    private readonly ResidentsDbContext db;
    private readonly Settings found;

    private SqliteImportConnection(ResidentsDbContext db, Settings found) => (this.db, this.found) = (db, found);

    /// <summary>For the import job; null on other databases, which need none of this.</summary>
    public static Task<SqliteImportConnection?> OpenAsync(ResidentsDbContext db, CancellationToken cancellationToken)
        => OpenAsync(db, _ => new Settings(-ImportCacheKibibytes, 1, 0), cancellationToken);

    /// <summary>
    /// For storing an upload: the commit still waits for the disk (an accepted file survives a crash), but leaves the
    /// file's pages in the log for the import's final checkpoint instead of copying them into the database at once.
    /// </summary>
    public static Task<SqliteImportConnection?> OpenForUploadAsync(ResidentsDbContext db, CancellationToken cancellationToken)
        => OpenAsync(db, found => found with { AutoCheckpoint = 0 }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await SetAsync(db.Database.GetDbConnection(), found, CancellationToken.None);
        await db.Database.CloseConnectionAsync();
    }

    private static async Task<SqliteImportConnection?> OpenAsync(ResidentsDbContext db, Func<Settings, Settings> settingsFor, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var found = new Settings(
            await PragmaAsync(connection, "cache_size", cancellationToken),
            await PragmaAsync(connection, "synchronous", cancellationToken),
            await PragmaAsync(connection, "wal_autocheckpoint", cancellationToken));
        await SetAsync(connection, settingsFor(found), cancellationToken);
        return new SqliteImportConnection(db, found);
    }

    private static async Task<long> PragmaAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task SetAsync(DbConnection connection, Settings settings, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA cache_size = {settings.CacheSize}; PRAGMA synchronous = {settings.Synchronous}; PRAGMA wal_autocheckpoint = {settings.AutoCheckpoint}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <param name="CacheSize">Pages, or KiB when negative, as PRAGMA cache_size takes it.</param>
    /// <param name="Synchronous">0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.</param>
    /// <param name="AutoCheckpoint">Log pages after which a commit copies the log into the database; 0 never.</param>
    private sealed record Settings(long CacheSize, long Synchronous, long AutoCheckpoint);
}
