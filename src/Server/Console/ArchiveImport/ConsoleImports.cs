using Hangfire;
using Microsoft.Extensions.Options;
using Outreach.Residents;
using Outreach.Residents.Import;

namespace Outreach.Server.StaffConsole.ArchiveImport;

/// <summary>
/// Starts an archive import from the console the way POST /api/residents/import does: the residents module stores
/// the file and records the import; small files are imported within the request, larger ones by the Hangfire job,
/// and the console polls the import's counters.
/// </summary>
public sealed class ConsoleImports(ResidentImporter importer, ResidentImportJob job, IBackgroundJobClient jobs, IOptions<ResidentsOptions> options)
{
    public async Task<ResidentImport> StartAsync(byte[] content, string? fileName, string? createdBy, CancellationToken cancellationToken)
    {
        var import = await importer.AcceptAsync(content, fileName, createdBy, cancellationToken);
        if (import.TotalRows <= options.Value.InlineImportMaxRows)
        {
            // Not cancellable, so a closed browser tab leaves no half-run import.
            await job.RunAsync(import.Id, CancellationToken.None);
        }
        else
        {
            jobs.Enqueue<ResidentImportJob>(j => j.RunAsync(import.Id, CancellationToken.None));
        }

        return import;
    }

    public Task<ResidentImport?> FindAsync(int id, CancellationToken cancellationToken) => importer.FindAsync(id, cancellationToken);

    /// <summary>The rejected rows as CSV (line, reason, row), in the residents module's format.</summary>
    public Task WriteRejectedRowsAsync(int id, Stream destination, CancellationToken cancellationToken)
        => importer.WriteRejectedRowsAsync(id, destination, cancellationToken);
}
