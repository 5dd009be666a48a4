using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Picks unfinished imports up again when a process starts. Hangfire hides a job that a killed process was performing
/// for a long time (30 minutes on SQLite), so each import still queued or running gets a run of its own: now when no
/// run holds it, or when the holder's lease runs out. A holder that is alive (another server) keeps renewing its lease,
/// and the run started here then leaves the import to it.
/// </summary>
public sealed partial class ImportResumption(IServiceScopeFactory scopes, TimeProvider time, ILogger<ImportResumption> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IBackgroundJobClient>() is not { } jobs)
        {
            // No job server in this host (a tool): nothing can run the imports.
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<ResidentsDbContext>();
        var unfinished = await db.Imports.AsNoTracking()
            .Where(i => i.Status == ResidentImportStatus.Queued || i.Status == ResidentImportStatus.Running)
            .Select(i => new { i.Id, i.LeaseUntil }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var import in unfinished)
        {
            var id = import.Id;
            if (import.LeaseUntil is { } until && until > now)
            {
                // A second past the lease, so the run finds it run out.
                jobs.Schedule<ResidentImportJob>(j => j.RunAsync(id, CancellationToken.None), until.AddSeconds(1));
                LogResumed(id, (int)Math.Ceiling((until - now).TotalSeconds) + 1);
            }
            else
            {
                jobs.Enqueue<ResidentImportJob>(j => j.RunAsync(id, CancellationToken.None));
                LogResumed(id, 0);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} resumes after a restart, in {Seconds} s")]
    private partial void LogResumed(int importId, int seconds);
}
