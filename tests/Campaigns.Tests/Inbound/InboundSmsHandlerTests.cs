using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Inbox;
using Outreach.Campaigns.Reports;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;
using Outreach.Telephony.Webhooks;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Inbound;

public sealed class InboundSmsHandlerTests
{
    [Fact]
    public async Task A_reply_lands_once_in_the_campaign_and_on_the_timeline_however_often_Twilio_posts_it()
    {
        await using var host = await CampaignTestHost.StartAsync();
        var id = await CompletedCampaignAsync(host, 4);

        var reply = new InboundSms("SM" + new string('a', 32), "+8613800000001", "+8657188880000", "1", DateTimeOffset.UtcNow);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ReceiveAsync(host, reply)));

        await Eventually.UntilAsync(() => host.QueryAsync(db => db.InboundMessages.AnyAsync(m => m.ProcessedAt != null)), what: "the reply processed");
        Assert.Single(host.Agent.Turns);
        var answer = Assert.Single(host.Sms.Sent, s => s.To == "+8613800000001" && s.Reference is null);
        Assert.Equal("Thank you, confirmed.", answer.Body);
        var target = await host.QueryAsync(db => db.Targets.AsNoTracking().FirstAsync(t => t.Phone == "+8613800000001"));
        Assert.Equal(TargetOutcome.Confirmed, target.Outcome);
        var timeline = await host.InScopeAsync(sp => sp.GetRequiredService<ResidentsDbContext>().Timeline.AsNoTracking().Where(t => t.ResidentId == target.ResidentId).ToListAsync());
        // The notice (its delivery is its outcome), then the reply, the agent's answer and the outcome: once each,
        // however often Twilio posted.
        Assert.Equal(
            [TimelineKind.OutboundMessage, TimelineKind.InboundMessage, TimelineKind.AgentReply, TimelineKind.Outcome],
            timeline.Select(t => t.Kind).Order());
        Assert.All(timeline, t => Assert.Equal(id, t.CampaignId));
        var counts = await host.InScopeAsync(sp => sp.GetRequiredService<CampaignReports>().CountsAsync(id, CancellationToken.None));
        Assert.Equal((1, 1, 0), (counts!.Replied, counts.Confirmed, counts.Declined));
    }

    [Fact]
    public async Task A_question_goes_to_the_community_inbox_and_the_staff_answer_reaches_the_resident()
    {
        await using var host = await CampaignTestHost.StartAsync();
        var id = await CompletedCampaignAsync(host, 2);

        await ReceiveAsync(host, new InboundSms("SM" + new string('b', 32), "+8613800000000", "+8657188880000", "要带身份证吗？", DateTimeOffset.UtcNow));
        var item = await Eventually.UntilAsync(() => host.QueryAsync(db => db.Inbox.AsNoTracking().FirstOrDefaultAsync()), i => i is not null, what: "an inbox item");
        Assert.Equal((InboxItemKind.Question, InboxItemStatus.Open, id), (item!.Kind, item.Status, item.CampaignId));
        Assert.Equal(await host.QueryAsync(db => db.Targets.Where(t => t.Phone == "+8613800000000").Select(t => t.CommunityId).FirstAsync()), item.CommunityId);

        var response = await host.Http.PostAsJsonAsync($"/api/inbox/{item.Id}/resolve", new { text = "请带身份证。" });
        response.EnsureSuccessStatusCode();

        Assert.Contains(host.Sms.Sent, s => s.To == "+8613800000000" && s.Body.Contains("请带身份证。", StringComparison.Ordinal));
        var resolved = await host.QueryAsync(db => db.Inbox.AsNoTracking().FirstAsync(i => i.Id == item.Id));
        Assert.Equal(InboxItemStatus.Resolved, resolved.Status);
        var counts = await host.InScopeAsync(sp => sp.GetRequiredService<CampaignReports>().CountsAsync(id, CancellationToken.None));
        Assert.Equal(1, counts!.Questions);
    }

    [Fact]
    public async Task A_question_the_agent_answers_itself_counts_as_asked_once_with_nothing_on_the_desk()
    {
        await using var host = await CampaignTestHost.StartAsync();
        var id = await CompletedCampaignAsync(host, 2);

        foreach (var (sid, text) in new[] { ('d', "What should I bring?"), ('e', "And where is it?") })
        {
            await ReceiveAsync(host, new InboundSms("SM" + new string(sid, 32), "+8613800000000", "+8657188880000", text, DateTimeOffset.UtcNow));
        }

        await Eventually.UntilAsync(() => host.QueryAsync(db => db.InboundMessages.CountAsync(m => m.ProcessedAt != null)), n => n == 2, what: "both questions answered");
        Assert.Equal(0, await host.QueryAsync(db => db.Inbox.CountAsync()));
        var counts = await host.InScopeAsync(sp => sp.GetRequiredService<CampaignReports>().CountsAsync(id, CancellationToken.None));
        Assert.Equal((1, 1), (counts!.Questions, counts.Replied));
        var funnel = await host.InScopeAsync(sp => sp.GetRequiredService<CampaignReports>().FunnelAsync(id, CancellationToken.None));
        Assert.Equal(1, funnel.Sum(f => f.Questions));
    }

    [Fact]
    public async Task An_unknown_number_gets_a_polite_answer_and_no_agent_turn()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(1);

        await ReceiveAsync(host, new InboundSms("SM" + new string('c', 32), "+8613999999999", "+8657188880000", "hello", DateTimeOffset.UtcNow));

        var sent = await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.ToList()), s => s.Count == 1, what: "a polite answer");
        Assert.Equal("+8613999999999", sent[0].To);
        Assert.Contains("社区", sent[0].Body, StringComparison.Ordinal);
        Assert.Empty(host.Agent.Turns);
    }

    /// <summary>An SMS campaign to <paramref name="residents"/> residents, every message delivered: the campaign is completed.</summary>
    private static async Task<int> CompletedCampaignAsync(CampaignTestHost host, int residents)
    {
        await host.SeedResidentsAsync(residents);
        host.AnswerWith("delivered");
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        return id;
    }

    /// <summary>An SMS from a resident, as Twilio's webhook hands it over.</summary>
    private static Task<bool> ReceiveAsync(CampaignTestHost host, InboundSms sms) => host.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<IInboundSmsHandler>().HandleAsync(sms, CancellationToken.None);
        return true;
    });
}
