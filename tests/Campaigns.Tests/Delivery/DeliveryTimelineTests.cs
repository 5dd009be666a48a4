using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Campaigns.Definition;
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
        var delivered = timeline.Where(t => t.Kind == TimelineKind.DeliveryStatus).ToList();
        Assert.Equal(30, outbound.Count);
        Assert.Equal(30, delivered.Count);
        Assert.Equal(30, outbound.Select(t => t.ResidentId).Distinct().Count());
        Assert.Equal(30, delivered.Select(t => t.ResidentId).Distinct().Count());
        Assert.All(timeline, t => Assert.Equal(id, t.CampaignId));
        Assert.All(delivered, t => Assert.Equal("SMS delivered", t.Text));
        // The outbound entry is the text the resident received, under Twilio's SID.
        var first = sent[0];
        var entry = Assert.Single(outbound, t => t.ExternalRef == first.Sid);
        Assert.Equal(first.Body, entry.Text);
        Assert.Equal("sms", entry.Channel);
        Assert.True(delivered.Single(t => t.ResidentId == entry.ResidentId).At >= entry.At);
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
        Assert.Equal(3, timeline.Count(t => t.Kind == TimelineKind.DeliveryStatus && t.Text == "SMS undelivered (Twilio error 30003)"));
        Assert.Equal(3, timeline.Count(t => t.Kind == TimelineKind.Outcome && t.Outcome == "unreachable"));
        Assert.Equal(3, timeline.Count(t => t.Kind == TimelineKind.OutboundMessage));
    }
}
