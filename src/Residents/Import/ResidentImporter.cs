using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>Accepts an uploaded archive file: checks that it can be imported, stores it and records the import.</summary>
public sealed class ResidentImporter(ResidentsDbContext db, TimeProvider time)
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
            CreatedAt = time.GetUtcNow(),
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        db.ImportFiles.Add(new ResidentImportFile { ImportId = import.Id, Content = content });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return import;
    }

    public Task<ResidentImport?> FindAsync(int id, CancellationToken cancellationToken)
        => db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>Rejected rows in file order.</summary>
    public IAsyncEnumerable<ResidentImportRejection> RejectionsAsync(int id)
        => db.ImportRejections.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Line).AsAsyncEnumerable();
}
