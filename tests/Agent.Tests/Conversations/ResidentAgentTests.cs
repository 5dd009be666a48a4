using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Conversations;
using Outreach.Agent.Storage;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Tests.Conversations;

/// <summary>The offline agent (no model configured) end to end: interpretation, bound actions, replies, history.</summary>
public sealed class ResidentAgentTests : IAsyncLifetime
{
    private static readonly NoticeContext Checkup = new(
        7,
        "老年人免费体检",
        "12月5日（周六）上午8:00在社区卫生服务站进行免费体检。",
        [new KeyFact("日期", "12月5日"), new KeyFact("时间", "上午8:00"), new KeyFact("地点", "社区卫生服务站")],
        ResponseKind.ConfirmDecline,
        []);

    private static readonly NoticeContext Slots = new(8, "疫苗接种预约", "请选择接种时间。", [], ResponseKind.Option, ["周六上午", "周日下午"]);

    private AgentTestHost host = null!;
    private readonly RecordingConversationActions actions = new();

    public async Task InitializeAsync() => host = await AgentTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_confirmation_is_recorded_and_thanked_in_the_residents_language()
    {
        var reply = await host.SayAsync(host.Zhang, "好的", actions, Checkup);

        Assert.Equal(ResidentOutcome.Confirmed, reply.Outcome);
        Assert.Equal([(ResidentOutcome.Confirmed, (string?)null, (string?)null)], actions.Responses);
        Assert.Contains("谢谢", reply.Reply, StringComparison.Ordinal);
        Assert.Equal("zh-CN", reply.Language);
        Assert.False(reply.ByFallback);
    }

    [Fact]
    public async Task A_decline_on_a_call_is_recorded_and_ends_the_call()
    {
        var reply = await host.SayAsync(host.Zhang, string.Empty, actions, Checkup, ContactChannel.Voice, digits: "2");

        Assert.Equal(ResidentOutcome.Declined, reply.Outcome);
        Assert.Equal(ConversationNext.End, reply.Next);
        Assert.Contains("再见", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slot_is_booked_through_the_bound_actions()
    {
        actions.Slots["周六上午"] = 1;
        actions.Slots["周日下午"] = 1;

        var reply = await host.SayAsync(host.Zhang, "周六上午吧", actions, Slots);

        Assert.Equal(ResidentOutcome.OptionChosen, reply.Outcome);
        Assert.Equal(["book:周六上午"], actions.Calls);
        Assert.Contains("周六上午", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_slot_is_refused_and_the_next_free_slot_offered()
    {
        actions.Slots["周六上午"] = 0;
        actions.Slots["周日下午"] = 4;

        var reply = await host.SayAsync(host.Smith, "Saturday morning", actions, Slots);

        Assert.Equal(ResidentOutcome.None, reply.Outcome);
        Assert.Empty(actions.Responses);
        Assert.Contains("fully booked", reply.Reply, StringComparison.Ordinal);
        Assert.Contains("周日下午", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_every_slot_is_full_staff_are_asked_to_call_back()
    {
        actions.Slots["周六上午"] = 0;
        actions.Slots["周日下午"] = 0;

        var reply = await host.SayAsync(host.Zhang, "1", actions, Slots);

        Assert.Equal(ResidentOutcome.NeedsPerson, reply.Outcome);
        Assert.Equal(["book:周六上午", "callback"], actions.Calls);
        Assert.Contains("工作人员会与您联系", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_is_recorded_verbatim()
    {
        var reply = await host.SayAsync(host.Smith, "Sunday afternoon please", actions, Slots);

        Assert.Equal(ResidentOutcome.OptionChosen, reply.Outcome);
        Assert.Equal("周日下午", reply.Option);
        Assert.Equal("周日下午", actions.Responses.Single().Option);
    }

    [Fact]
    public async Task A_question_about_the_notice_is_answered_from_its_key_facts()
    {
        var reply = await host.SayAsync(host.Zhang, "在哪里？", actions, Checkup);

        Assert.Equal(ResidentOutcome.Question, reply.Outcome);
        Assert.Contains("社区卫生服务站", reply.Reply, StringComparison.Ordinal);
        Assert.Empty(actions.Calls);
    }

    [Fact]
    public async Task A_question_the_knowledge_base_answers_quotes_the_published_passage()
    {
        var reply = await host.SayAsync(host.Zhang, "体检要带什么证件", actions, Checkup);

        Assert.Equal(ResidentOutcome.Question, reply.Outcome);
        Assert.Contains("身份证、医保卡", reply.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("ask-staff", actions.Calls);
    }

    [Fact]
    public async Task A_question_nothing_answers_goes_to_staff_and_the_resident_is_told()
    {
        var reply = await host.SayAsync(host.Smith, "How much does parking cost next to the market?", actions);

        Assert.Equal(ResidentOutcome.Question, reply.Outcome);
        Assert.Equal(["ask-staff"], actions.Calls);
        Assert.Contains("staff member will reply", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_with_a_question_records_and_answers()
    {
        var reply = await host.SayAsync(host.Zhang, "好的，几点开始？", actions, Checkup);

        Assert.Equal(ResidentOutcome.Confirmed, reply.Outcome);
        Assert.Contains("上午8:00", reply.Reply, StringComparison.Ordinal);
        Assert.Equal(["record:Confirmed"], actions.Calls);
    }

    [Fact]
    public async Task Asking_for_a_person_on_a_call_hands_off()
    {
        var reply = await host.SayAsync(host.Zhang, "转人工", actions, Checkup, ContactChannel.Voice);

        Assert.Equal(ResidentOutcome.NeedsPerson, reply.Outcome);
        Assert.Equal(ConversationNext.HandOffToPerson, reply.Next);
        Assert.Equal(["callback"], actions.Calls);
    }

    [Fact]
    public async Task A_problem_becomes_a_work_item()
    {
        var reply = await host.SayAsync(host.Zhang, "3栋门口的路灯坏了", actions);

        Assert.Equal(ResidentOutcome.ProblemReported, reply.Outcome);
        Assert.Equal(["problem"], actions.Calls);
        Assert.Contains("枫林社区", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opting_out_and_back_in_use_the_bound_actions()
    {
        var stop = await host.SayAsync(host.Smith, "STOP", actions);
        var start = await host.SayAsync(host.Smith, "START", actions);

        Assert.Equal(ResidentOutcome.OptedOut, stop.Outcome);
        Assert.Equal(ResidentOutcome.OptedIn, start.Outcome);
        Assert.Equal(["opt-out", "opt-in"], actions.Calls);
        Assert.Contains("START", stop.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_gives_the_streets_office_phone()
    {
        var reply = await host.SayAsync(host.Zhang, "帮助", actions);

        Assert.Equal(ResidentOutcome.HelpRequested, reply.Outcome);
        Assert.Contains(AgentTestHost.OfficePhone, reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_unclear_is_asked_again_with_the_answer_hint()
    {
        var reply = await host.SayAsync(host.Zhang, "哈哈", actions, Checkup);

        Assert.Equal(ResidentOutcome.Unclear, reply.Outcome);
        Assert.Contains("回复1", reply.Reply, StringComparison.Ordinal);
        Assert.Empty(actions.Calls);
    }

    [Fact]
    public async Task A_call_ends_politely_after_repeated_unclear_turns()
    {
        await host.SayAsync(host.Zhang, "哈哈", actions, Checkup, ContactChannel.Voice);
        var second = await host.SayAsync(host.Zhang, "呃", actions, Checkup, ContactChannel.Voice);
        var third = await host.SayAsync(host.Zhang, "喂喂", actions, Checkup, ContactChannel.Voice);

        Assert.Equal(ConversationNext.Continue, second.Next);
        Assert.Equal(ConversationNext.End, third.Next);
    }

    [Fact]
    public async Task A_call_followed_by_sms_continues_the_same_conversation()
    {
        await host.SayAsync(host.Zhang, "在哪里", actions, Checkup, ContactChannel.Voice);
        await host.SayAsync(host.Zhang, "好的", actions, Checkup, ContactChannel.Sms);

        var conversations = await host.InScopeAsync(sp => sp.GetRequiredService<AgentDbContext>().Conversations.Include(c => c.Turns).Where(c => c.ResidentId == host.Zhang.Id).ToListAsync());
        var conversation = Assert.Single(conversations);
        Assert.Equal(4, conversation.Turns.Count);
        Assert.Equal([ContactChannel.Voice, ContactChannel.Voice, ContactChannel.Sms, ContactChannel.Sms], conversation.Turns.OrderBy(t => t.Id).Select(t => t.Channel));
        Assert.Equal(ResidentOutcome.Confirmed, conversation.Outcome);
        Assert.Equal(2, conversation.Summary!.Split('\n').Length);
    }

    [Fact]
    public async Task The_reply_follows_the_language_the_resident_wrote_in()
    {
        var reply = await host.SayAsync(host.Zhang, "yes", actions, Checkup);

        Assert.Equal("en", reply.Language);
        Assert.Contains("Thank you", reply.Reply, StringComparison.Ordinal);
    }
}
