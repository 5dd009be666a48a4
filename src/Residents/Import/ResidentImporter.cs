using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Access;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Accepts an uploaded archive file: checks that it can be imported, stores it and records the import with the
/// uploader's community scope, which the job then holds every row to. Imports are visible within that scope.
/// </summary>
public sealed class ResidentImporter(ResidentsDbContext db, ICommunityScopeAccessor scopeAccessor, TimeProvider time)
{
    /// <summary>Throws <see cref="ResidentImportFileException"/> for a file that is not CSV or has no name or phone column.</summary>
    public async Task<ResidentImport> AcceptAsync(byte[] content, string? fileName, string? createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (encoding, rows, ignored) = ImportCsv.Inspect(content);
        var import = new ResidentImport
        {
            FileName = fileName,
            Status = ResidentImportStatus.Queued,
            Encoding = encoding,
            TotalRows = rows,
            IgnoredColumns = ignored.Count == 0 ? null : string.Join(", ", ignored),
            CreatedBy = createdBy,
            CommunityIds = scopeAccessor.Current.CommunityIds?.Order().ToList(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        await using (await SqliteImportConnection.OpenForUploadAsync(db, cancellationToken))
        {
            db.ImportFiles.Add(new ResidentImportFile { ImportId = import.Id, Content = content });
            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        return import;
    }

    /// <summary>An import the caller may see: community staff see only imports held to communities of theirs.</summary>
    public async Task<ResidentImport?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        var scope = scopeAccessor.Current;
        return import is not null && (scope.IsUnrestricted || import.CommunityIds is { } ids && ids.All(scope.Allows)) ? import : null;
    }

    /// <summary>Rejected rows in file order.</summary>
    public IAsyncEnumerable<ResidentImportRejection> RejectionsAsync(int id)
        => db.ImportRejections.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Line).AsAsyncEnumerable();

    /// <summary>
    /// Writes rejected.csv: line, reason, then the row's own columns under the file's own header, so a clerk can
    /// fix the rows and upload this file again (the line and reason columns are ignored by the import).
    /// </summary>
    public async Task WriteRejectedRowsAsync(int id, Stream destination, CancellationToken cancellationToken)
    {
        var content = await db.ImportFiles.AsNoTracking().Where(f => f.ImportId == id).Select(f => f.Content).SingleAsync(cancellationToken);
        IReadOnlyList<string> header;
        using (var file = ImportCsv.Open(content, out _))
        {
            header = file.Headers;
        }

        await using var csv = CsvWriter.Create(destination, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        await Export.ResidentCsvExport.WriteRowAsync(csv, ["line", "reason", .. header], cancellationToken);
        await foreach (var rejection in RejectionsAsync(id).WithCancellation(cancellationToken))
        {
            using var row = CsvReader.FromText(rejection.Row, new CsvReaderOptions { Separator = ',', HasHeader = false });
            var fields = new List<string?> { rejection.Line.ToString(CultureInfo.InvariantCulture), rejection.Reason };
            if (row.Read())
            {
                for (var i = 0; i < row.FieldCount; i++)
                {
                    fields.Add(row.GetString(i));
                }
            }

            await Export.ResidentCsvExport.WriteRowAsync(csv, fields, cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
