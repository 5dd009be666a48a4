using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Targets;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Dispatch;

public sealed class StuckAttemptTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-30T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_sms_that_never_gets_a_receipt_is_asked_after_once_per_interval_and_ends_without_one()
    {
        // The carrier takes both messages and never sends a delivery receipt, so Twilio keeps them at "sent".
        var time = new FakeTimeProvider(Start);
        await using var host = await CampaignTestHost.StartAsync(time: time);
        host.Sms.FetchedStatus = "sent";
        var id = await TwoMessagesSentAsync(host, time);

        // The host's own sweeps (every second) run alongside these: whichever sweep claims a stuck attempt asks about it.
        time.Advance(TimeSpan.FromMinutes(31));
        await SweepAsync(host, id);
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Fetches), n => n >= 2, what: "both asked about");
        Assert.Equal(2, host.Sms.Fetches);
        await SweepAsync(host, id);
        Assert.Equal(2, host.Sms.Fetches); // asked already in this interval
        Assert.Equal(CampaignStatus.Running, (await host.CampaignAsync(id)).Status);

        time.Advance(TimeSpan.FromMinutes(31));
        await SweepAsync(host, id);
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Fetches), n => n >= 4, what: "both asked about again");
        Assert.Equal(4, host.Sms.Fetches);

        time.Advance(TimeSpan.FromHours(48));
        await SweepAsync(host, id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        var attempts = await host.QueryAsync(db => db.Attempts.AsNoTracking().Where(a => a.CampaignId == id).ToListAsync());
        Assert.All(attempts, a => Assert.Equal(DeliveryStatus.NoReceipt, a.Status));
        var outcomes = await host.QueryAsync(db => db.Targets.AsNoTracking().Where(t => t.CampaignId == id).Select(t => t.Outcome).ToListAsync());
        Assert.All(outcomes, o => Assert.Equal(TargetOutcome.Reached, o));
        Assert.Equal(CampaignStatus.Completed, (await host.CampaignAsync(id)).Status);
    }

    [Fact]
    public async Task A_lost_receipt_is_fetched_once_the_attempt_is_stuck()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await CampaignTestHost.StartAsync(time: time);
        var id = await TwoMessagesSentAsync(host, time);

        // Twilio has them as delivered; the callbacks that said so never arrived.
        time.Advance(TimeSpan.FromMinutes(31));
        await SweepAsync(host, id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        var statuses = await host.QueryAsync(db => db.Attempts.AsNoTracking().Where(a => a.CampaignId == id).Select(a => a.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(DeliveryStatus.Delivered, s));
        Assert.Equal(CampaignStatus.Completed, (await host.CampaignAsync(id)).Status);
    }

    /// <summary>An SMS campaign to two residents whose messages Twilio took and reported as sent, and no further.</summary>
    private static async Task<int> TwoMessagesSentAsync(CampaignTestHost host, FakeTimeProvider time)
    {
        await host.SeedResidentsAsync(2);
        host.AnswerWith("sent");
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        // "sent" is an interim status, written once it has been held a second: the clock moves on while waiting.
        await Eventually.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
                return host.QueryAsync(db => db.Attempts.CountAsync(a => a.Status == DeliveryStatus.Sent));
            },
            n => n == 2,
            what: "both sent");
        return id;
    }

    private static Task<int> SweepAsync(CampaignTestHost host, int id) => host.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<CampaignJobs>().SweepAsync(id, CancellationToken.None);
        return 0;
    });
}
