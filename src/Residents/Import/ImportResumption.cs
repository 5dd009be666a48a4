using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Picks unfinished imports up again. Hangfire hides a job that a killed process was performing for a long time (30
/// minutes on SQLite), so:
/// <list type="bullet">
/// <item>when a process starts, each import still queued or running gets a run of its own: now when no run holds it,
/// or when the holder's lease runs out;</item>
/// <item>while it runs, once per lease period, each import whose holder's lease ran out gets a run: a holder on another
/// server that died and does not come back stops renewing its lease.</item>
/// </list>
/// A holder that is alive keeps renewing its lease, and a run started here then leaves the import to it; every server
/// may start one, and the lease lets one of them go on.
/// </summary>
public sealed partial class ImportResumption(IServiceScopeFactory scopes, TimeProvider time, ILogger<ImportResumption> logger) : IHostedService, IAsyncDisposable
{
    private ITimer? watch;
    private int watching;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await ResumeAsync(afterRestart: true, cancellationToken))
        {
            watch = time.CreateTimer(_ => _ = WatchAsync(), null, ResidentImportJob.Lease, ResidentImportJob.Lease);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (watch is not null)
        {
            await watch.DisposeAsync();
        }
    }

    /// <summary>One pass at a time; a pass that fails is logged, and the next one tries again.</summary>
    private async Task WatchAsync()
    {
        if (Interlocked.Exchange(ref watching, 1) == 1)
        {
            return;
        }

        try
        {
            await ResumeAsync(afterRestart: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogWatchFailed(ex);
        }
        finally
        {
            Volatile.Write(ref watching, 0);
        }
    }

    /// <summary>
    /// After a restart: every unfinished import. Otherwise: those whose holder's lease ran out. Returns false when this
    /// host has no job server (a tool), so nothing can run the imports.
    /// </summary>
    private async Task<bool> ResumeAsync(bool afterRestart, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IBackgroundJobClient>() is not { } jobs)
        {
            return false;
        }

        var db = scope.ServiceProvider.GetRequiredService<ResidentsDbContext>();
        var now = time.GetUtcNow();
        var unfinished = db.Imports.AsNoTracking()
            .Where(i => i.Status == ResidentImportStatus.Queued || i.Status == ResidentImportStatus.Running);
        if (!afterRestart)
        {
            unfinished = unfinished.Where(i => i.LeaseUntil != null && i.LeaseUntil < now);
        }

        foreach (var import in await unfinished.Select(i => new { i.Id, i.LeaseUntil }).ToListAsync(cancellationToken))
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

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} resumes in {Seconds} s")]
    private partial void LogResumed(int importId, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for imports whose holder stopped failed; the next pass tries again")]
    private partial void LogWatchFailed(Exception exception);
}
