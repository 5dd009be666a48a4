using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Tests.Doubles;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;
using Outreach.Telephony.Webhooks;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Delivery;

public sealed class DeliveryTimelineTests
{
    [Fact]
    public async Task Each_sms_and_its_final_status_land_once_on_the_residents_timeline_however_often_twilio_reports_it()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(30);
        host.AnswerWith("delivered");
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        var sent = host.Sms.Sent.ToList();

        // Twilio repeats callbacks and sends them late: every one again, by reference and by SID alone, with a late "sent".
        foreach (var sms in sent.Take(10))
        {
            foreach (var (status, reference) in new[] { ("delivered", sms.Reference), ("sent", sms.Reference), ("delivered", null) })
            {
                await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sms.Sid, status, reference, null, DateTimeOffset.UtcNow), CancellationToken.None));
            }
        }

        var timeline = await host.InScopeAsync(sp => sp.GetRequiredService<ResidentsDbContext>().Timeline.AsNoTracking().ToListAsync());
        var outbound = timeline.Where(t => t.Kind == TimelineKind.OutboundMessage).ToList();
        Assert.Equal(30, outbound.Count);
        Assert.Equal(30, outbound.Select(t => t.ResidentId).Distinct().Count());
        Assert.All(timeline, t => Assert.Equal(id, t.CampaignId));
        // The outbound entry is the text the resident received, under Twilio's SID.
        var first = sent[0];
        var entry = Assert.Single(outbound, t => t.ExternalRef == first.Sid);
        Assert.Equal(first.Body, entry.Text);
        Assert.Equal("sms", entry.Channel);
        AssertEndedOnce(timeline, "delivered", sent);
    }

    [Fact]
    public async Task A_status_that_comes_after_the_send_is_written_down_is_the_outcome_of_the_messages_own_entry()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(5);
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Attempts.CountAsync(a => a.CampaignId == id && a.SentAt != null)), n => n == 5, what: "five sends written down");
        foreach (var sms in host.Sms.Sent)
        {
            await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sms.Sid, "delivered", sms.Reference, null, DateTimeOffset.UtcNow), CancellationToken.None));
        }

        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        var timeline = await host.InScopeAsync(sp => sp.GetRequiredService<ResidentsDbContext>().Timeline.AsNoTracking().ToListAsync());
        // One line per message, with its delivery as the outcome.
        Assert.Equal(5, timeline.Count);
        Assert.All(timeline, t => Assert.Equal((TimelineKind.OutboundMessage, "delivered"), (t.Kind, t.Outcome)));
    }

    [Fact]
    public async Task A_status_committed_before_its_send_is_written_down_is_the_outcome_of_the_messages_one_entry_with_its_text()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(5);
        // Each delivery is committed while its request is still in flight, so always before the send is written down.
        host.Sms.OnAccepted = sent => host.PostStatusAsync(h => h.HandleMessageStatusAsync(
            new MessageStatusUpdate(sent.Sid, "delivered", sent.Reference, null, DateTimeOffset.UtcNow), CancellationToken.None)).GetAwaiter().GetResult();
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Attempts.CountAsync(a => a.CampaignId == id && a.SentAt != null)), n => n == 5, what: "five sends written down");

        var timeline = await host.InScopeAsync(sp => sp.GetRequiredService<ResidentsDbContext>().Timeline.AsNoTracking().ToListAsync());
        Assert.Equal(5, timeline.Count);
        AssertEndedOnce(timeline, "delivered", [.. host.Sms.Sent]);
        var attempts = await host.QueryAsync(db => db.Attempts.AsNoTracking().Where(a => a.CampaignId == id).ToListAsync());
        Assert.All(timeline, t => Assert.Equal(Assert.Single(attempts, a => a.ProviderSid == t.ExternalRef).SentAt, t.At));
    }

    [Fact]
    public async Task A_failed_sms_and_the_unreached_outcome_are_on_the_timeline_with_twilios_error()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(3);
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count == 3), what: "three sends");
        foreach (var sms in host.Sms.Sent)
        {
            await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sms.Sid, "undelivered", sms.Reference, 30003, DateTimeOffset.UtcNow), CancellationToken.None));
            await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sms.Sid, "undelivered", sms.Reference, 30003, DateTimeOffset.UtcNow), CancellationToken.None));
        }

        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        var timeline = await host.InScopeAsync(sp => sp.GetRequiredService<ResidentsDbContext>().Timeline.AsNoTracking().ToListAsync());
        AssertEndedOnce(timeline, "undelivered (30003)", [.. host.Sms.Sent]);
        Assert.Equal(3, timeline.Count(t => t.Kind == TimelineKind.Outcome && t.Outcome == "unreachable"));
        Assert.Equal(3, timeline.Count(t => t.Kind == TimelineKind.OutboundMessage));
    }

    /// <summary>
    /// Each message's final status is the outcome of the message's own entry, which has the text the resident got,
    /// also when the status was committed before the send was written down (the test's callbacks are posted as Twilio
    /// accepts each message, so most of them are): no message has a second entry for its status.
    /// </summary>
    private static void AssertEndedOnce(List<TimelineEntry> timeline, string outcome, List<SentSms> sent)
    {
        var messages = timeline.Where(t => t.Kind == TimelineKind.OutboundMessage).ToList();
        Assert.Equal(sent.Count, messages.Count);
        foreach (var message in messages)
        {
            Assert.Equal(outcome, message.Outcome);
            Assert.Equal(Assert.Single(sent, s => s.Sid == message.ExternalRef).Body, message.Text);
        }

        Assert.DoesNotContain(timeline, t => t.Kind == TimelineKind.DeliveryStatus);
    }
}
