using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Storage;

namespace Outreach.Campaigns.Tests.Storage;

/// <summary>
/// The sweeps' and the chunk jobs' queries find their rows through an index on the embedded default, where the indexes
/// of in-flight attempts and due targets are partial: SQLite uses a partial index only for a query that states its
/// condition, and without one each sweep would read every attempt or target of the campaign.
/// </summary>
public sealed class QueryPlanTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddYears(56);

    [Fact]
    public async Task Recovery_and_the_stuck_attempt_sweep_read_the_in_flight_index()
    {
        await using var host = await CampaignTestHost.StartAsync(jobServer: false);
        var plans = await host.QueryAsync(async db => new[]
        {
            await PlanAsync(db, AttemptRecovery.Undecided(db, 1, 0, Now).OrderBy(a => a.Id).Take(250)),
            await PlanAsync(db, AttemptRecovery.Stuck(db, 1, Now).OrderBy(a => a.Id).Take(250)),
        });

        Assert.All(plans, plan => Assert.Contains("USING INDEX IX_delivery_attempts_CampaignId_StatusRank", plan, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chunk_reads_its_own_targets_and_the_sweep_reads_the_due_index()
    {
        await using var host = await CampaignTestHost.StartAsync(jobServer: false);
        var campaign = new Campaign { Id = 1, Name = "n", Title = "t", Body = "b", SnapshotAt = Now.AddHours(-1) };
        var plans = await host.QueryAsync(async db => (
            Chunk: await PlanAsync(db, DeliveryDispatcher.Due(db, campaign, 3, 0, Now).OrderBy(t => t.Id).Take(250)),
            FollowUps: await PlanAsync(db, DeliveryDispatcher.Due(db, campaign, null, 0, Now).OrderBy(t => t.Id).Take(250))));

        Assert.Contains("USING INDEX IX_campaign_targets_CampaignId_ChunkNo", plans.Chunk, StringComparison.Ordinal);
        Assert.Contains("USING INDEX IX_campaign_targets_CampaignId_DueAt", plans.FollowUps, StringComparison.Ordinal);
    }

    /// <summary>SQLite's plan for the query, as EF sends it.</summary>
    private static async Task<string> PlanAsync<T>(CampaignsDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            var details = new List<string>();
            while (await reader.ReadAsync())
            {
                details.Add(reader.GetString(reader.GetOrdinal("detail")));
            }

            return string.Join("\n", details);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
