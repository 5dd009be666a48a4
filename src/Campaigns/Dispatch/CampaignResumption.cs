using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Storage;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Picks running campaigns up again when a process starts. Hangfire hides a job that a killed process was performing
/// for a long time (30 minutes on SQLite), so a snapshot cut short is launched again, chunks that still have first
/// contacts due are enqueued again, and every running campaign gets a sweep now (recovery of unknown attempts, follow-ups,
/// completion). A duplicate of a job still alive elsewhere is harmless: every campaign job is idempotent.
/// </summary>
public sealed partial class CampaignResumption(IServiceScopeFactory scopes, ILogger<CampaignResumption> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        var running = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Running)
            .Select(c => new { c.Id, c.SnapshotAt }).ToListAsync(cancellationToken);
        foreach (var campaign in running)
        {
            var id = campaign.Id;
            if (campaign.SnapshotAt is not { } snapshotAt)
            {
                jobs.Enqueue<CampaignJobs>(j => j.LaunchAsync(id, CancellationToken.None));
                LogResumed(id, 0);
                continue;
            }

            // First contacts are due no later than the snapshot; later ones are follow-ups, which the sweep sends.
            var chunks = await db.Targets.AsNoTracking().Where(t => t.CampaignId == id && t.DueAt != null && t.DueAt <= snapshotAt)
                .Select(t => t.ChunkNo).Distinct().ToListAsync(cancellationToken);
            foreach (var chunk in chunks)
            {
                jobs.Enqueue<CampaignJobs>(j => j.DispatchChunkAsync(id, chunk, CancellationToken.None));
            }

            jobs.Enqueue<CampaignJobs>(j => j.SweepAsync(id, CancellationToken.None));
            LogResumed(id, chunks.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} resumed after a restart: {Chunks} chunk(s) with first contacts still due")]
    private partial void LogResumed(int campaignId, int chunks);
}
