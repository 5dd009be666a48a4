using Hangfire;
using Outreach.Residents.Import;

namespace Outreach.Server.StaffConsole.ArchiveImport;

/// <summary>
/// Starts an archive import from the console: the residents module stores the file and records the import, and
/// its job runs on Hangfire. The console then polls the import's counters.
/// </summary>
public sealed class ConsoleImports(IServiceProvider services, IBackgroundJobClient jobs)
{
    public async Task<ResidentImport> StartAsync(byte[] content, string? fileName, string? createdBy, CancellationToken cancellationToken)
    {
        var import = await Importer.AcceptAsync(content, fileName, createdBy, cancellationToken);
        jobs.Enqueue<ResidentImportJob>(job => job.RunAsync(import.Id, CancellationToken.None));
        return import;
    }

    public Task<ResidentImport?> FindAsync(int id, CancellationToken cancellationToken) => Importer.FindAsync(id, cancellationToken);

    public Task WriteRejectedRowsAsync(int id, Stream destination, CancellationToken cancellationToken) => Importer.WriteRejectedRowsAsync(id, destination, cancellationToken);

    // The residents module may not register its importer itself; build it from the container either way.
    private ResidentImporter Importer => ActivatorUtilities.GetServiceOrCreateInstance<ResidentImporter>(services);
}
