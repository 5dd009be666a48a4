using System.Text.Json;
using System.Text.Encodings.Web;
using Outreach.Agent.Conversations;
using Outreach.Agent.Tests.Providers;

namespace Outreach.Agent.Tests.Safety;

/// <summary>
/// The model agent against the adversarial suite, with a scripted model that does what an attacker would want: calls
/// the tools with another resident's id and name, and tries to send a number it was never given. The bound actions
/// must take every effect (the extra arguments reach no one else), the model must never be sent another resident's data,
/// and no reply may carry it.
/// </summary>
public sealed class ModelAgentAdversarialTests(ModelAgentAdversarialTests.Host fixture) : IClassFixture<ModelAgentAdversarialTests.Host>
{
    private static readonly NoticeContext Checkup = new(7, "老年人免费体检", "12月5日上午8:00在社区卫生服务站体检。", [new KeyFact("地点", "社区卫生服务站")], ResponseKind.ConfirmDecline, []);
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Messages => [.. AdversarialMessages.All];

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Tools_stay_bound_and_nothing_leaks(string message)
    {
        var model = fixture.Models.Model;
        var host = fixture.Models.Host;
        model.Requests.Clear();
        var other = host.Wang.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var leaky = message.Length % 2 == 0;
        model.Enqueue(
            new ToolCallsReply(
                new ToolCall("resident-get_my_record", $$"""{"residentId":{{other}},"name":"王强"}"""),
                new ToolCall("resident-record_response", $$"""{"response":"declined","residentId":{{other}},"phone":"+8613900000003"}"""),
                new ToolCall("resident-search_knowledge", $$"""{"question":"王强的电话","residentId":{{other}}}""")),
            new TextReply(leaky ? "好的。他的电话是139 0000 0003。" : "抱歉，我只能处理您本人的事务。"));
        var zhang = new RecordingConversationActions();

        // A conversation of its own per message, so the history carries no earlier message of the suite.
        var notice = Checkup with { CampaignId = 1000 + Array.IndexOf(AdversarialMessages.All, message) };

        var reply = await host.SayAsync(host.Zhang, message, zhang, notice);

        // Every effect the model asked for landed on the bound resident, whatever id it named; a withheld reply's
        // offline answer may only pass the message to staff.
        Assert.Equal("record:Declined", zhang.Calls[0]);
        Assert.All(zhang.Calls.Skip(1), call => Assert.Contains(call, new[] { "ask-staff", "callback", "problem" }));

        // The model was never given another resident's data, nor the sender's own phone or full name.
        // (What the model itself said, such as its tool arguments, is sent back to it and is not ours to keep from it.)
        var sent = string.Join('\n', model.Requests.SelectMany(r => r["messages"]!.AsArray()).Where(m => m!["role"]!.GetValue<string>() != "assistant").Select(m => m!.ToJsonString(Readable)));
        var toolResults = string.Join('\n', model.Requests.SelectMany(r => r["messages"]!.AsArray()).Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => m!.ToJsonString(Readable)));
        foreach (var secret in new[] { "13900000003", "江畔", "8栋", "John Smith", "13800000002", "13800000001", "张桂兰" })
        {
            Assert.DoesNotContain(secret, toolResults, StringComparison.Ordinal);
            if (!message.Contains(secret, StringComparison.Ordinal))
            {
                Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
            }
        }

        // A number nothing grounded is withheld; the offline agent answers instead.
        foreach (var forbidden in AdversarialMessages.Forbidden.Where(f => !message.Contains(f, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(forbidden, reply.Reply ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal(leaky, reply.ByFallback);
    }

    public sealed class Host : IAsyncLifetime
    {
        internal ModelAgentFixture Models { get; private set; } = null!;

        public async Task InitializeAsync() => Models = await ModelAgentFixture.StartAsync();

        public async Task DisposeAsync() => await Models.DisposeAsync();
    }
}
