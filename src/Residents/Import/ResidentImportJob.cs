using System.Data.Common;
using System.Threading.Channels;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Outreach.Residents.Storage;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Residents.Import;

/// <summary>
/// The Hangfire job that imports a stored file into the archive: rows are checked on one thread and written on
/// another in batches of <see cref="BatchSize"/>, each in one transaction together with the import's counters and rejections. A rerun
/// (Hangfire retries, <see cref="ImportResumption"/> after a restart) resumes after the last committed batch; a finished
/// import is left alone. One run at a time holds the import (<see cref="ResidentImport.LeaseOwner"/>): a second run while
/// the first is alive leaves it alone, and a run that lost its lease commits nothing more.
/// Checked rows travel between the threads in chunks of <see cref="ChunkSize"/>, small enough that a row is written and
/// dropped while it is still in the youngest GC generation: handing over whole batches kept about 12,000 rows alive
/// at a time, which the GC promoted and then had to collect in full collections.
/// </summary>
public sealed partial class ResidentImportJob(ResidentsDbContext db, PhoneNumberParser phones, TimeProvider time, ILogger<ResidentImportJob> logger)
{
    /// <summary>
    /// How long a run holds an import without renewing it. Every batch renews it (a batch takes about a quarter of a
    /// second), so only a run that died or stalled this long loses it, and the next run resumes after its committed rows.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Rows per transaction. Each batch costs a transaction, freshly prepared statements, the counters' SaveChanges and a
    /// commit; at 4,000 a street's file took 30 of them and the import used a third more CPU (the code of a batch was still
    /// being compiled to its optimised form during the import). A batch holds SQLite's write lock for about a quarter
    /// of a second, and a rerun repeats at most one batch.
    /// </summary>
    public const int BatchSize = 10_000;

    private const int ChunkSize = 500;

    public async Task RunAsync(int importId, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N");
        if (!await ClaimAsync(importId, run, cancellationToken))
        {
            // Finished, gone, or held by a run that is alive: that run finishes it, or this job's next run takes over.
            LogNotClaimed(importId);
            return;
        }

        var import = await db.Imports.FirstAsync(i => i.Id == importId, cancellationToken);
        try
        {
            // Settings for the import up to its final commit, which checkpoints the log with the connection's own settings back.
            await using (await SqliteImportConnection.OpenAsync(db, cancellationToken))
            {
                import.Status = ResidentImportStatus.Running;
                import.StartedAt ??= time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);

                var content = await StoredImportFile.ReadAsync(db, importId, cancellationToken);
                try
                {
                    await ImportAsync(import, content, run, cancellationToken);
                }
                catch (ResidentImportFileException ex)
                {
                    import.Status = ResidentImportStatus.Failed;
                    import.Error = ex.Message;
                }
            }

            if (import.Status == ResidentImportStatus.Running)
            {
                import.Status = ResidentImportStatus.Completed;
            }

            import.CompletedAt = time.GetUtcNow();
            (import.LeaseOwner, import.LeaseUntil) = (null, null);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await RenewLeaseAsync(importId, run, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (LeaseLostException)
        {
            // Another run took the import over after this one stalled for a whole lease; it carries on from the committed rows.
            LogLeaseLost(importId);
            return;
        }
        catch (Exception)
        {
            // Hangfire retries a failed job within a minute; that run must find the import free, not held by this one.
            await ReleaseLeaseAsync(importId, run);
            throw;
        }

        logger.LogInformation("Import {ImportId} {Status}: {Created} created, {Updated} updated, {Rejected} rejected of {Total}",
            import.Id, import.Status, import.Created, import.Updated, import.Rejected, import.TotalRows);
    }

    /// <summary>Takes an unfinished import that no live run holds; false when it is finished, gone or held.</summary>
    private async Task<bool> ClaimAsync(int importId, string run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.Imports
            .Where(i => i.Id == importId && (i.Status == ResidentImportStatus.Queued || i.Status == ResidentImportStatus.Running)
                && (i.LeaseUntil == null || i.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, run).SetProperty(i => i.LeaseUntil, now + Lease), cancellationToken) > 0;
    }

    /// <summary>
    /// In the transaction about to commit: renews this run's lease, or throws <see cref="LeaseLostException"/> when
    /// another run holds the import now, so that the transaction commits nothing. The update also takes the import's row
    /// (PostgreSQL) or the database's write lock (SQLite) first, so a takeover cannot slip in before the commit.
    /// </summary>
    private async Task RenewLeaseAsync(int importId, string run, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + Lease;
        if (await db.Imports.Where(i => i.Id == importId && i.LeaseOwner == run)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseUntil, until), cancellationToken) == 0)
        {
            throw new LeaseLostException();
        }
    }

    /// <summary>Lets go of the import after a failure; if even that fails, the lease runs out on its own.</summary>
    private async Task ReleaseLeaseAsync(int importId, string run)
    {
        try
        {
            await db.Imports.Where(i => i.Id == importId && i.LeaseOwner == run)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            LogLeaseKept(ex, importId, Lease.TotalSeconds);
        }
    }

    private async Task ImportAsync(ResidentImport import, byte[] content, string run, CancellationToken cancellationToken)
    {
        using var csv = ImportCsv.Open(content, out _);
        var columns = ImportColumns.Map(csv.Headers);
        var reader = new ImportRowReader(columns, phones, await CommunityNamesAsync(cancellationToken));
        var keys = await ResidentKeys.LoadAsync(db, import.TotalRows, cancellationToken);
        var scope = await ImportScope.LoadAsync(db, import, cancellationToken);

        // Rows are read and checked on another thread while the previous chunk is written.
        var chunks = Channel.CreateBounded<List<ImportRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rows = new ImportChunkReader(csv, reader, import.CommunityIds is not null, import.ProcessedRows);
        var reading = Task.Run(() => ReadChunksAsync(rows, chunks.Writer, stop.Token), stop.Token);
        try
        {
            while (await WriteBatchAsync(import, run, columns, keys, scope, chunks.Reader, cancellationToken))
            {
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        await reading;
    }

    /// <summary>Reads and checks the rows in chunks of <see cref="ChunkSize"/>, skipping those an earlier run committed.</summary>
    private static async Task ReadChunksAsync(ImportChunkReader rows, ChannelWriter<List<ImportRow>> chunks, CancellationToken cancellationToken)
    {
        try
        {
            bool more;
            do
            {
                var chunk = new List<ImportRow>(ChunkSize);
                more = rows.Read(chunk, ChunkSize, cancellationToken);
                if (chunk.Count > 0)
                {
                    await chunks.WriteAsync(chunk, cancellationToken);
                }
            }
            while (more);
        }
        finally
        {
            // The writer sees the end of the rows either way; a reading error surfaces when the job awaits this task.
            chunks.Complete();
        }
    }

    /// <summary>
    /// Writes the next <see cref="BatchSize"/> rows in one transaction, chunk by chunk as they arrive; returns false
    /// when no rows were left. Batches start where the previous run's ended, as the reading thread skips those rows.
    /// </summary>
    private async Task<bool> WriteBatchAsync(ResidentImport import, string run, ImportColumns columns, ResidentKeys keys, ImportScope scope, ChannelReader<List<ImportRow>> chunks, CancellationToken cancellationToken)
    {
        if (!await chunks.WaitToReadAsync(cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RenewLeaseAsync(import.Id, run, cancellationToken);
        using var writer = ResidentBatchWriter.Create(db, columns, transaction.GetDbTransaction());
        var rejections = new List<ResidentImportRejection>();
        var inserts = new List<(ImportRow Row, int CommunityId)>();
        var insertedPhones = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        while (rows < BatchSize && await chunks.WaitToReadAsync(cancellationToken) && chunks.TryRead(out var chunk))
        {
            foreach (var row in chunk)
            {
                // The uploader's communities are checked here, beside the keys this loop keeps up to date.
                row.Error ??= scope.Check(row, keys);
                if (row.Error is null && row.ExternalId is null && insertedPhones.Contains(row.Phone))
                {
                    // This row matches a resident created earlier in this chunk by phone: write those first.
                    await InsertAsync(writer, keys, inserts, now, cancellationToken);
                    insertedPhones.Clear();
                }

                if (row.Error is null)
                {
                    if (keys.Find(row) is { } id)
                    {
                        await writer.UpdateAsync(id, row, now, cancellationToken);
                        keys.Add(row, id);
                        import.Updated++;
                    }
                    else if (row.CommunityId is { } communityId)
                    {
                        inserts.Add((row, communityId));
                        insertedPhones.Add(row.Phone);
                        import.Created++;
                    }
                    else
                    {
                        row.Error = "community is empty; a new resident needs one";
                    }
                }

                if (row.Error is not null)
                {
                    rejections.Add(new ResidentImportRejection { ImportId = import.Id, Line = row.Line, Reason = row.Error, Row = row.Raw ?? throw new InvalidOperationException($"Line {row.Line} was rejected after its text was dropped.") });
                    import.Rejected++;
                }
            }

            // The chunk's new residents are written before it is dropped; the next chunk finds them among the keys.
            await InsertAsync(writer, keys, inserts, now, cancellationToken);
            insertedPhones.Clear();
            rows += chunk.Count;
        }

        import.ProcessedRows += rows;
        db.ImportRejections.AddRange(rejections);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var rejection in rejections)
        {
            db.Entry(rejection).State = EntityState.Detached;
        }

        return true;
    }

    private static async Task InsertAsync(ResidentBatchWriter writer, ResidentKeys keys, List<(ImportRow Row, int CommunityId)> inserts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        keys.Add(inserts, await writer.InsertAsync(inserts, now, cancellationToken));
        inserts.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} is finished or another run holds it; this run leaves it alone")]
    private partial void LogNotClaimed(int importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} was taken over by another run after this one held it a whole lease without committing; this run stops")]
    private partial void LogLeaseLost(int importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} failed and its lease could not be let go; another run can take it over in {Seconds} s")]
    private partial void LogLeaseKept(Exception exception, int importId, double seconds);

    /// <summary>Another run holds the import now.</summary>
    private sealed class LeaseLostException : Exception
    {
    }

    /// <summary>Community names as clerks write them: 新河社区, and 新河 for short, in any case.</summary>
    private async Task<Dictionary<string, int>> CommunityNamesAsync(CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var community in await db.Communities.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            names[community.Name] = community.Id;
            if (community.Name.EndsWith("社区", StringComparison.Ordinal))
            {
                names.TryAdd(community.Name[..^2], community.Id);
            }
        }

        return names;
    }
}
