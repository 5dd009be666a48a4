using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Reports;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;
using Outreach.Telephony.Messaging;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Dispatch;

public sealed class CampaignJobsTests
{
    [Fact]
    public async Task Sms_campaign_sends_each_resident_one_personalised_message_and_completes()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(120);
        host.AnswerWith("delivered");
        var id = await host.CreateCampaignAsync();

        Assert.True(await host.LaunchAsync(id));
        await host.UntilStatusAsync(id, CampaignStatus.Completed);

        var sent = host.Sms.Sent.ToList();
        Assert.Equal(120, sent.Count);
        Assert.Equal(120, sent.Select(s => s.To).Distinct().Count());
        Assert.Contains(sent, s => s.To == "+8613800000000" && s.Body.Contains("王0", StringComparison.Ordinal) && s.Body.StartsWith("[zh-cn/general/sms]", StringComparison.Ordinal));
        Assert.Contains(sent, s => s.To == "+8613800000001" && s.Body.StartsWith("[en/general/sms] Resident 1", StringComparison.Ordinal));
        // One draft per segment (2 languages × general × SMS), not per resident.
        Assert.Equal(2, host.Writer.Drafted.Count);
        var counts = await host.InScopeAsync(sp => sp.GetRequiredService<CampaignReports>().CountsAsync(id, CancellationToken.None));
        Assert.NotNull(counts);
        Assert.Equal((120, 120, 120, 120, 0, 0), (counts.Targeted, counts.Attempted, counts.Sent, counts.Delivered, counts.Failed, counts.Pending));
    }

    [Fact]
    public async Task Full_chunks_are_sent_while_the_snapshot_goes_on_and_each_chunk_is_dispatched_once()
    {
        // No job server: the launch job runs here, and the chunk jobs it enqueues stay in the queue to be read.
        await using var host = await CampaignTestHost.StartAsync(jobServer: false);
        await host.SeedResidentsAsync(130);
        var id = await host.CreateCampaignAsync(c => c.Status = CampaignStatus.Scheduled);

        await host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<CampaignJobs>().LaunchAsync(id, CancellationToken.None);
            return true;
        });

        // 130 targets in chunks of 50: chunks 0 and 1 were full when the page committed, chunk 2 only at the end.
        var enqueued = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Select(j => j.Value.Job).Where(j => j.Method.Name == nameof(CampaignJobs.DispatchChunkAsync)).Select(j => (int)j.Args[1]).ToList();
        Assert.Equal([0, 1, 2], enqueued.Order());
        var campaign = await host.CampaignAsync(id);
        Assert.Equal(3, campaign.ChunkCount);
        Assert.NotNull(campaign.SnapshotAt);
        // Every segment has its wording (2 languages × general × SMS), drafted once.
        Assert.Equal(2, await host.QueryAsync(db => db.Wordings.CountAsync(w => w.CampaignId == id)));
        Assert.Equal(2, host.Writer.Drafted.Count);
    }

    [Fact]
    public async Task Every_job_performed_twice_contacts_nobody_twice()
    {
        await using var host = await CampaignTestHost.StartAsync(filter: new PerformTwiceFilter());
        await host.SeedResidentsAsync(300);
        host.AnswerWith("delivered");
        var id = await host.CreateCampaignAsync();

        await host.LaunchAsync(id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);

        var sent = host.Sms.Sent.ToList();
        Assert.Equal(300, sent.Select(s => s.To).Distinct().Count());
        Assert.Equal(300, sent.Count);
        Assert.Equal(300, await host.QueryAsync(db => db.Targets.CountAsync(t => t.CampaignId == id)));
        Assert.Equal(2, host.Writer.Drafted.Count);
    }

    [Fact]
    public async Task Too_many_requests_reschedules_the_delivery_instead_of_failing_it()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(60);
        host.AnswerWith("delivered");
        host.Sms.Behaviour = (_, n) => n <= 25 ? new SmsSendResult(SendDisposition.Throttled, null, 20429, "Too Many Requests", TimeSpan.FromMilliseconds(300)) : null;
        var id = await host.CreateCampaignAsync();

        await host.LaunchAsync(id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);

        Assert.Equal(60, host.Sms.Sent.Count);
        Assert.Equal(60, host.Sms.Sent.Select(s => s.To).Distinct().Count());
        Assert.Equal(0, await host.QueryAsync(db => db.Attempts.CountAsync(a => a.Status == DeliveryStatus.Failed)));
        Assert.Equal(0, await host.QueryAsync(db => db.Targets.CountAsync(t => t.Outcome != TargetOutcome.Reached)));
    }

    [Fact]
    public async Task Attempts_of_unknown_fate_are_looked_up_before_anything_is_resent()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(40);
        var failedOnce = new HashSet<string>();
        // Numbers ending 0, 4 or 8: Twilio takes the message but the response is lost. Ending 5: the first request never reaches Twilio.
        host.Sms.LoseResponse = sms => sms.To.EndsWith('0') || sms.To.EndsWith('4') || sms.To.EndsWith('8');
        host.Sms.Behaviour = (sms, _) =>
        {
            lock (failedOnce)
            {
                return sms.To.EndsWith('5') && failedOnce.Add(sms.To) ? new SmsSendResult(SendDisposition.Unknown, null, null, "timeout") : null;
            }
        };
        var id = await host.CreateCampaignAsync();

        await host.LaunchAsync(id);
        await Eventually.UntilAsync(
            () => host.QueryAsync(db => db.Attempts.CountAsync(a => a.CampaignId == id && a.ProviderSid != null)),
            n => n == 40, TimeSpan.FromSeconds(60), "every attempt to have a SID");

        var sent = host.Sms.Sent.ToList();
        Assert.Equal(40, sent.Count);
        Assert.Equal(40, sent.Select(s => s.To).Distinct().Count());
        Assert.Equal(4, failedOnce.Count);
        var sids = await host.QueryAsync(db => db.Attempts.Where(a => a.CampaignId == id).Select(a => a.ProviderSid!).ToListAsync());
        Assert.Equal(sent.Select(s => s.Sid).Order(), sids.Order());
        // The messages recovery found at Twilio are on their residents' timelines like the others: once, as Twilio has them.
        var outbound = await host.InScopeAsync(sp => sp.GetRequiredService<ResidentsDbContext>().Timeline.AsNoTracking()
            .Where(t => t.Kind == TimelineKind.OutboundMessage).Select(t => new { t.ExternalRef, t.Text }).ToListAsync());
        Assert.Equal(sent.Select(s => (s.Sid, s.Body)).Order(), outbound.Select(t => (t.ExternalRef!, t.Text)).Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_campaigns_whose_sends_were_lost_for_one_resident_each_claim_only_their_own_message(bool postgres)
    {
        Dictionary<string, string?>? settings = null;
        if (postgres)
        {
            var database = await PostgresCluster.CreateDatabaseAsync();
            settings = new() { ["Database:Provider"] = database.Provider.ToString(), ["Database:ConnectionString"] = database.ConnectionString };
        }

        await using var host = await CampaignTestHost.StartAsync(settings);
        await host.SeedResidentsAsync(1);
        // The first notice reaches Twilio but its answer is lost; the second notice's first request never reaches Twilio.
        // Twilio then lists one message to the number, and only the first notice's attempt may take it.
        var secondFailed = 0;
        host.Sms.LoseResponse = sms => sms.Body.Contains("First notice", StringComparison.Ordinal);
        host.Sms.Behaviour = (sms, _) => sms.Body.Contains("Second notice", StringComparison.Ordinal) && Interlocked.Exchange(ref secondFailed, 1) == 0
            ? new SmsSendResult(SendDisposition.Unknown, null, null, "timeout")
            : null;
        // Both campaigns' sweeps look the number up before either stores what it found.
        var lookups = 0;
        var bothLooking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Sms.BeforeList = async () =>
        {
            if (Interlocked.Increment(ref lookups) >= 2)
            {
                bothLooking.TrySetResult();
            }

            await Task.WhenAny(bothLooking.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        };
        var first = await host.CreateCampaignAsync(c => c.Title = "First notice");
        var second = await host.CreateCampaignAsync(c => c.Title = "Second notice");

        await host.LaunchAsync(first);
        await host.LaunchAsync(second);
        await Eventually.UntilAsync(
            () => host.QueryAsync(db => db.Attempts.CountAsync(a => a.ProviderSid != null)),
            n => n == 2, TimeSpan.FromSeconds(60), "both attempts to have a SID");

        Assert.True(bothLooking.Task.IsCompleted, "the two sweeps did not look the number up at the same time");
        var sent = host.Sms.Sent.ToList();
        var firstSent = Assert.Single(sent, s => s.Body.Contains("First notice", StringComparison.Ordinal));
        var secondSent = Assert.Single(sent, s => s.Body.Contains("Second notice", StringComparison.Ordinal));
        Assert.Equal(firstSent.Sid, await host.QueryAsync(db => db.Attempts.Where(a => a.CampaignId == first).Select(a => a.ProviderSid).SingleAsync()));
        Assert.Equal(secondSent.Sid, await host.QueryAsync(db => db.Attempts.Where(a => a.CampaignId == second).Select(a => a.ProviderSid).SingleAsync()));
    }
}
