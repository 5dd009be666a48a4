using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Conversations;
using Outreach.Agent.Storage;
using Outreach.Agent.Usage;
using Outreach.Residents.Archive;
using Outreach.Testing;

namespace Outreach.Agent.Tests.Providers;

/// <summary>The model agent through the real Semantic Kernel OpenAI connector against a scripted server on the wire.</summary>
public sealed class ModelResponderTests : IAsyncLifetime
{
    private static readonly NoticeContext Checkup = new(
        7,
        "老年人免费体检",
        "12月5日（周六）上午8:00在社区卫生服务站进行免费体检，咨询电话0571-8888 6000。",
        [new KeyFact("日期", "12月5日"), new KeyFact("地点", "社区卫生服务站")],
        ResponseKind.ConfirmDecline,
        []);

    private ModelAgentFixture fixture = null!;
    private readonly RecordingConversationActions actions = new();

    private ScriptedOpenAIServer Model => fixture.Model;

    private AgentTestHost Host => fixture.Host;

    public async Task InitializeAsync() => fixture = await ModelAgentFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task A_tool_call_round_trip_records_the_answer_through_the_bound_actions()
    {
        Model.Enqueue(new ToolCallsReply(new ToolCall("resident-record_response", """{"response":"confirmed"}""")), new TextReply("好的张阿姨，已为您登记，谢谢！"));

        var reply = await Host.SayAsync(Host.Zhang, "好的我去", actions, Checkup);

        Assert.Equal(ResidentOutcome.Confirmed, reply.Outcome);
        Assert.Equal("好的张阿姨，已为您登记，谢谢！", reply.Reply);
        Assert.False(reply.ByFallback);
        Assert.Equal(["record:Confirmed"], actions.Calls);
        Assert.Equal(2, Model.Requests.Count);
        var second = Model.Requests.Last().ToJsonString();
        Assert.Contains("\"role\":\"tool\"", second, StringComparison.Ordinal);
        Assert.Contains("Recorded.", second, StringComparison.Ordinal);
        Assert.Contains("resident-record_response", Model.Requests.First()["tools"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_slot_is_reported_to_the_model_with_the_next_free_one_and_nothing_is_recorded()
    {
        var slots = new NoticeContext(8, "疫苗接种预约", "请选择接种时间。", [], ResponseKind.Option, ["周六上午", "周日下午"]);
        actions.Slots["周六上午"] = 0;
        actions.Slots["周日下午"] = 2;
        Model.Enqueue(new ToolCallsReply(new ToolCall("resident-record_response", """{"response":"option","option":"周六上午"}""")), new TextReply("周六上午已约满，周日下午可以吗？"));

        var reply = await Host.SayAsync(Host.Zhang, "我要周六上午", actions, slots);

        Assert.Contains("The next slot with a place is 周日下午", Model.AllSentText(), StringComparison.Ordinal);
        Assert.Empty(actions.Responses);
        Assert.NotEqual(ResidentOutcome.OptionChosen, reply.Outcome);
    }

    [Fact]
    public async Task Usage_is_counted_per_call_and_reported_per_campaign()
    {
        Model.Enqueue(new ToolCallsReply(new ToolCall("resident-get_notice", "{}")), new TextReply("体检在社区卫生服务站。"));

        await Host.SayAsync(Host.Zhang, "在哪里体检", actions, Checkup);

        var usage = await Host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<AgentDbContext>().Usage.Where(u => u.CampaignId == 7).ToList()));
        var row = Assert.Single(usage);
        Assert.Equal(2, row.Calls);
        Assert.Equal(200, row.PromptTokens);
        Assert.Equal(40, row.CompletionTokens);
        Assert.NotNull(row.ConversationId);
    }

    [Fact]
    public async Task A_streamed_call_turn_counts_every_round_from_the_streamed_usage()
    {
        Model.Enqueue(
            new ToolCallsReply(new ToolCall("resident-get_notice", "{}")) { PromptTokens = 150, CompletionTokens = 10 },
            new TextReply("体检在社区卫生服务站。") { PromptTokens = 210, CompletionTokens = 30 });

        await Host.SayAsync(Host.Zhang, "在哪里体检", actions, Checkup, ContactChannel.Voice);

        var report = await Host.InScopeAsync(sp => sp.GetRequiredService<UsageRecorder>().ReportAsync(7, null, CancellationToken.None));
        Assert.All(Model.Requests, r => Assert.True(r["stream_options"]?["include_usage"]?.GetValue<bool>()));
        Assert.Equal((2, 360, 40), (report.Calls, report.PromptTokens, report.CompletionTokens));
    }

    [Fact]
    public async Task Usage_is_reported_per_conversation_across_turns_and_channels()
    {
        Model.Enqueue(
            new TextReply("在社区卫生服务站。") { PromptTokens = 120, CompletionTokens = 12 },
            new ToolCallsReply(new ToolCall("resident-record_response", """{"response":"confirmed"}""")) { PromptTokens = 130, CompletionTokens = 8 },
            new TextReply("好的，已登记。") { PromptTokens = 140, CompletionTokens = 6 });
        await Host.SayAsync(Host.Zhang, "在哪里", actions, Checkup, ContactChannel.Voice);
        await Host.SayAsync(Host.Zhang, "好的我去", actions, Checkup);
        await Host.SayAsync(Host.Smith, "退订", actions, Checkup);

        var conversationId = await Host.InScopeAsync(sp => sp.GetRequiredService<AgentDbContext>().Conversations.Where(c => c.ResidentId == Host.Zhang.Id).Select(c => c.Id).SingleAsync());
        var report = await Host.InScopeAsync(sp => sp.GetRequiredService<UsageRecorder>().ReportAsync(null, conversationId, CancellationToken.None));

        Assert.Equal((3, 390, 26, 1), (report.Calls, report.PromptTokens, report.CompletionTokens, report.Conversations));
        Assert.Equal("conversation", Assert.Single(report.ByPurpose).Purpose);
    }

    [Fact]
    public async Task A_call_turn_streams_the_answer()
    {
        Model.Enqueue(new TextReply("张阿姨，体检在社区卫生服务站，12月5日上午。"));

        var reply = await Host.SayAsync(Host.Zhang, "在哪里", actions, Checkup, ContactChannel.Voice);

        Assert.Equal("张阿姨，体检在社区卫生服务站，12月5日上午。", reply.Reply);
        Assert.True(Model.Requests.Single()["stream"]!.GetValue<bool>());
        Assert.Equal(ResidentOutcome.Question, reply.Outcome);
    }

    [Fact]
    public async Task A_streamed_tool_call_to_reach_a_person_hands_the_call_off()
    {
        Model.Enqueue(new ToolCallsReply(new ToolCall("resident-request_callback", """{"reason":"想跟工作人员说"}""")), new TextReply("好的，马上为您转接。"));

        var reply = await Host.SayAsync(Host.Zhang, "我想跟真人说话", actions, Checkup, ContactChannel.Voice);

        Assert.Equal(ConversationNext.HandOffToPerson, reply.Next);
        Assert.Equal(["callback"], actions.Calls);
    }

    [Fact]
    public async Task A_model_that_misses_the_call_deadline_is_replaced_by_the_offline_agent()
    {
        Model.Enqueue(new HangReply());

        var turn = Host.SayAsync(Host.Zhang, string.Empty, actions, Checkup, ContactChannel.Voice, digits: "1");
        await Eventually.UntilAsync(() => Task.FromResult(!Model.Requests.IsEmpty), what: "the model request");
        Host.Time.Advance(TimeSpan.FromSeconds(3));
        var reply = await turn.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(reply.ByFallback);
        Assert.Equal(ResidentOutcome.Confirmed, reply.Outcome);
        Assert.Equal(["record:Confirmed"], actions.Calls);
    }

    [Fact]
    public async Task A_model_error_is_replaced_by_the_offline_agent()
    {
        Model.Enqueue(new ErrorReply(400));

        var reply = await Host.SayAsync(Host.Zhang, "不去了", actions, Checkup);

        Assert.True(reply.ByFallback);
        Assert.Equal(ResidentOutcome.Declined, reply.Outcome);
    }

    [Fact]
    public async Task A_reply_with_a_number_nothing_grounds_is_withheld()
    {
        Model.Enqueue(new TextReply("您可以打王大爷的电话13900000003问问。"));

        var reply = await Host.SayAsync(Host.Zhang, "还有谁去？", actions, Checkup);

        Assert.True(reply.ByFallback);
        Assert.DoesNotContain("13900000003", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_may_quote_the_notices_own_phone()
    {
        Model.Enqueue(new TextReply("咨询电话是0571-8888 6000。"));

        var reply = await Host.SayAsync(Host.Zhang, "咨询电话多少", actions, Checkup);

        Assert.False(reply.ByFallback);
    }

    [Fact]
    public async Task Carrier_keywords_never_reach_the_model()
    {
        var reply = await Host.SayAsync(Host.Zhang, "退订", actions, Checkup);

        Assert.Equal(ResidentOutcome.OptedOut, reply.Outcome);
        Assert.Empty(Model.Requests);
    }

    [Fact]
    public async Task The_prompt_carries_the_conversation_but_not_the_residents_phone()
    {
        Model.Enqueue(new TextReply("在社区卫生服务站。"), new TextReply("好的，谢谢。"));

        await Host.SayAsync(Host.Zhang, "在哪里", actions, Checkup, ContactChannel.Voice);
        await Host.SayAsync(Host.Zhang, "知道了", actions, Checkup);

        var sent = Model.AllSentText();
        Assert.Contains("在社区卫生服务站。", Model.Requests.Last().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.Contains("张阿姨", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("张桂兰", sent, StringComparison.Ordinal);
    }
}
