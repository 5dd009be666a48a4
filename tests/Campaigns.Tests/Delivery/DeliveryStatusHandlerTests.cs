using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Targets;
using Outreach.Campaigns.Tests.Doubles;
using Outreach.Telephony.Webhooks;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Delivery;

public sealed class DeliveryStatusHandlerTests
{
    [Fact]
    public async Task Repeated_and_out_of_order_message_callbacks_end_in_the_right_state()
    {
        await using var host = await CampaignTestHost.StartAsync();
        var (id, sent) = await SmsToTwoResidentsAsync(host);

        // First resident: delivered arrives before sent and queued, then twice more.
        foreach (var status in new[] { "delivered", "sent", "queued", "delivered", "undelivered" })
        {
            await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sent[0].Sid, status, sent[0].Reference, null, DateTimeOffset.UtcNow), CancellationToken.None));
        }

        // Second resident: a callback without our reference is not about an attempt, even with a known SID, and changes
        // nothing (had it counted, "delivered" would have ended the attempt first); then it fails for good.
        await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sent[1].Sid, "delivered", null, null, DateTimeOffset.UtcNow), CancellationToken.None));
        foreach (var status in new[] { "sending", "failed", "sent", "delivered" })
        {
            await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sent[1].Sid, status, sent[1].Reference, 30003, DateTimeOffset.UtcNow), CancellationToken.None));
        }

        var attempts = await host.QueryAsync(db => db.Attempts.AsNoTracking().OrderBy(a => a.ResidentId).ToListAsync());
        Assert.Equal([DeliveryStatus.Delivered, DeliveryStatus.Failed], attempts.Select(a => a.Status));
        Assert.Equal(30003, attempts[1].ErrorCode);
        var outcomes = await host.QueryAsync(db => db.Targets.AsNoTracking().OrderBy(t => t.ResidentId).Select(t => t.Outcome).ToListAsync());
        Assert.Equal([TargetOutcome.Reached, TargetOutcome.Unreachable], outcomes);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
    }

    [Fact]
    public async Task A_callback_that_beats_the_stored_sid_brings_it_and_a_stored_sid_is_kept()
    {
        await using var host = await CampaignTestHost.StartAsync();
        var (_, sent) = await SmsToTwoResidentsAsync(host);
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Attempts.AllAsync(a => a.ProviderSid != null)), what: "both SIDs stored");
        // As if Twilio's callback for the first resident arrived before our request's answer was written down.
        await host.QueryAsync(db => db.Attempts.Where(a => a.ProviderSid == sent[0].Sid).ExecuteUpdateAsync(s => s.SetProperty(a => a.ProviderSid, (string?)null)));

        await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sent[0].Sid, "sent", sent[0].Reference, null, DateTimeOffset.UtcNow), CancellationToken.None));
        await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate("SMdifferent", "delivered", sent[1].Reference, null, DateTimeOffset.UtcNow), CancellationToken.None));

        // "sent" is an interim status, written after the hold.
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Attempts.AnyAsync(a => a.Status == DeliveryStatus.Sent)), what: "the held status written");
        var attempts = await host.QueryAsync(db => db.Attempts.AsNoTracking().OrderBy(a => a.ResidentId).ToListAsync());
        Assert.Equal([sent[0].Sid, sent[1].Sid], attempts.Select(a => a.ProviderSid));
        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Delivered], attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task A_final_status_that_comes_before_the_send_is_written_down_keeps_its_status_and_gets_the_send_time()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(2);
        // Twilio's "delivered" callback is committed before the send's answer is: the attempt is final when the SID, the
        // send time and the queued status are written.
        host.Sms.OnAccepted = sent => host.PostStatusAsync(h => h.HandleMessageStatusAsync(
            new MessageStatusUpdate(sent.Sid, "delivered", sent.Reference, null, DateTimeOffset.UtcNow), CancellationToken.None)).GetAwaiter().GetResult();
        var id = await host.CreateCampaignAsync();

        await host.LaunchAsync(id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Attempts.AllAsync(a => a.SentAt != null)), what: "both sends written down");

        var attempts = await host.QueryAsync(db => db.Attempts.AsNoTracking().OrderBy(a => a.ResidentId).ToListAsync());
        Assert.All(attempts, a => Assert.Equal(DeliveryStatus.Delivered, a.Status));
        Assert.Equal(host.Sms.Sent.OrderBy(s => s.Reference).Select(s => s.Sid), attempts.OrderBy(a => a.Id).Select(a => a.ProviderSid));
        Assert.Equal(2, await host.QueryAsync(db => db.Targets.CountAsync(t => t.Outcome == TargetOutcome.Reached)));
    }

    [Fact]
    public async Task Busy_calls_are_retried_then_the_plan_falls_back_to_sms()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(6);
        host.AnswerWith("delivered", _ => "busy");
        var id = await host.CreateCampaignAsync(c =>
        {
            c.Channel = ChannelPlanKind.VoiceThenSms;
            c.MaxCalls = 2;
            c.CallRetryMinutes = 0;
        });

        await host.LaunchAsync(id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);

        Assert.All(host.Calls.Placed.GroupBy(c => c.To), g => Assert.Equal(2, g.Count()));
        Assert.Equal(6, host.Calls.Placed.Select(c => c.To).Distinct().Count());
        Assert.Equal(6, host.Sms.Sent.Count);
        Assert.Equal(6, await host.QueryAsync(db => db.Targets.CountAsync(t => t.Outcome == TargetOutcome.Reached)));
        Assert.Equal(18, await host.QueryAsync(db => db.Attempts.CountAsync(a => a.CampaignId == id)));
    }

    [Fact]
    public async Task Calls_nobody_answers_leave_the_resident_unreachable_and_listed_for_a_visit()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(3);
        host.AnswerWith(null, _ => "no-answer");
        var id = await host.CreateCampaignAsync(c =>
        {
            c.Channel = ChannelPlanKind.Voice;
            c.MaxCalls = 2;
            c.CallRetryMinutes = 0;
        });

        await host.LaunchAsync(id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);

        Assert.Equal(6, host.Calls.Placed.Count);
        using var response = await host.Http.GetAsync($"/api/campaigns/{id}/unreached.csv");
        var csv = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, csv[..Math.Min(csv.Length, 1500)]);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("resident_id,name,community,building,unit,attempts,given_up_at", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("1,王0,新河,1,101,2,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_interim_status_is_answered_at_once_and_written_after_the_hold_unless_the_final_one_comes_first()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await CampaignTestHost.StartAsync(time: time);
        var (_, sent) = await SmsToTwoResidentsAsync(host);
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Attempts.CountAsync(a => a.Status == DeliveryStatus.Queued)), n => n == 2, what: "both queued");

        // The first message is sent; the second is sent and delivered at once.
        await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sent[0].Sid, "sent", sent[0].Reference, null, time.GetUtcNow()), CancellationToken.None));
        await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sent[1].Sid, "sent", sent[1].Reference, null, time.GetUtcNow()), CancellationToken.None));
        await host.PostStatusAsync(h => h.HandleMessageStatusAsync(new MessageStatusUpdate(sent[1].Sid, "delivered", sent[1].Reference, null, time.GetUtcNow()), CancellationToken.None));

        // Answered without being written; the final status was written before it was answered.
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Delivered], await StatusesAsync(host));
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Delivered], await StatusesAsync(host));

        time.Advance(TimeSpan.FromMilliseconds(501));
        await Eventually.UntilAsync(() => StatusesAsync(host), s => s[0] == DeliveryStatus.Sent, what: "the held status written");
        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Delivered], await StatusesAsync(host));
    }

    private static Task<List<DeliveryStatus>> StatusesAsync(CampaignTestHost host)
        => host.QueryAsync(db => db.Attempts.AsNoTracking().OrderBy(a => a.ResidentId).Select(a => a.Status).ToListAsync());

    /// <summary>An SMS campaign to two residents, launched and sent; its messages in the order of the residents' numbers.</summary>
    private static async Task<(int Id, List<SentSms> Sent)> SmsToTwoResidentsAsync(CampaignTestHost host)
    {
        await host.SeedResidentsAsync(2);
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count == 2), what: "two sends");
        return (id, [.. host.Sms.Sent.OrderBy(s => s.To)]);
    }
}
