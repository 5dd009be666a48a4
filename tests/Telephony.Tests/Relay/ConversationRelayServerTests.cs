using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Relay;

/// <summary>
/// A voice campaign on the real server in ConversationRelay mode: the emulator calls the resident, speaks over the
/// relay WebSocket, the offline agent streams its answer, and the outcome lands on the resident's timeline.
/// </summary>
public sealed class ConversationRelayServerTests(RelayServerHost host) : IClassFixture<RelayServerHost>
{
    private const string Community = "湖滨社区";

    [Fact]
    public async Task Resident_confirms_over_the_relay_and_the_outcome_lands_on_the_timeline()
    {
        using var api = host.CreateAdminClient();
        var resident = await ChineseResidentAsync(api, skip: 0);
        var phone = resident.GetProperty("phone").GetString()!;
        await ScriptAsync(api, phone, new PhoneReply(Speech: "我确认参加"));

        await LaunchVoiceNoticeAsync(api, phone);

        var timeline = await Eventually.UntilAsync(
            () => TimelineAsync(api, resident.GetProperty("id").GetInt32()),
            t => t.Any(e => e.GetProperty("outcome").GetString() == "confirmed"),
            TimeSpan.FromSeconds(60),
            "the confirmation on the resident's timeline");
        var said = Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "CallTurn");
        Assert.Equal("我确认参加", said.GetProperty("text").GetString());
        Assert.Equal("voice", said.GetProperty("channel").GetString());
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "AgentReply");

        var call = await FinishedCallAsync(api, phone);
        var transcript = call.GetProperty("transcript").EnumerateArray().ToList();
        // The answer came as several tokens and was spoken whole; the agent then ended the session with a goodbye.
        Assert.Contains(transcript, l => l.GetProperty("kind").GetString() == "say" && l.GetProperty("text").GetString()!.Contains('，', StringComparison.Ordinal));
        Assert.Contains(transcript, l => l.GetProperty("kind").GetString() == "relay-end" && l.GetProperty("text").GetString()!.Contains("goodbye", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resident_asking_for_a_person_is_handed_off_to_the_on_duty_number()
    {
        using var api = host.CreateAdminClient();
        var resident = await ChineseResidentAsync(api, skip: 1);
        var phone = resident.GetProperty("phone").GetString()!;
        await ScriptAsync(api, phone, new PhoneReply(Speech: "转人工"));

        await LaunchVoiceNoticeAsync(api, phone);

        var timeline = await Eventually.UntilAsync(
            () => TimelineAsync(api, resident.GetProperty("id").GetInt32()),
            t => t.Any(e => e.GetProperty("outcome").GetString() == "needs_person"),
            TimeSpan.FromSeconds(60),
            "the handoff on the resident's timeline");
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "CallTurn" && e.GetProperty("text").GetString() == "转人工");
        var call = await FinishedCallAsync(api, phone);
        var transcript = call.GetProperty("transcript").EnumerateArray().ToList();
        Assert.Contains(transcript, l => l.GetProperty("kind").GetString() == "relay-end");
        Assert.Contains(transcript, l => l.GetProperty("kind").GetString() is "dial" or "hangup");
    }

    private static async Task<JsonElement> ChineseResidentAsync(HttpClient api, int skip)
    {
        await Eventually.UntilAsync(async () => (await api.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/health");
        var residents = await api.GetFromJsonAsync<JsonElement>($"/api/residents?community={Uri.EscapeDataString(Community)}&limit=500");
        return residents.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("language").GetString() == "zh-CN").Skip(skip).First();
    }

    private static async Task ScriptAsync(HttpClient api, string phone, PhoneReply reply)
    {
        using var response = await api.PutAsJsonAsync($"/emulator/phones/{Uri.EscapeDataString(phone)}/behaviour", new PhoneBehaviour { Answer = PhoneAnswer.Human, Replies = [reply] });
        Assert.True(response.IsSuccessStatusCode, $"behaviour answered {(int)response.StatusCode}");
    }

    private static async Task LaunchVoiceNoticeAsync(HttpClient api, string phone)
    {
        using var create = await api.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Health check by phone",
            notice = new
            {
                title = "老年人体检",
                body = "12月8日上午8点在社区卫生服务站免费体检，请空腹前往。",
                keyFacts = new[] { new { name = "date", value = "12月8日" } },
                response = "ConfirmDecline",
            },
            audience = $"phone = \"{phone}\"",
            channel = "voice",
            quietHours = new { from = "00:00", until = "00:00" },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var launch = await api.PostAsync(new Uri($"/api/campaigns/{id}/launch", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, launch.StatusCode);
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient api, int residentId)
        => [.. (await api.GetFromJsonAsync<JsonElement>($"/api/residents/{residentId}?pageSize=100")).GetProperty("timeline").GetProperty("items").EnumerateArray()];

    private static async Task<JsonElement> FinishedCallAsync(HttpClient api, string phone)
    {
        var calls = await Eventually.UntilAsync(
            () => api.GetFromJsonAsync<JsonElement>($"/emulator/phones/{Uri.EscapeDataString(phone)}/calls"),
            c => c.GetArrayLength() > 0 && c[0].GetProperty("status").GetString() == "completed",
            TimeSpan.FromSeconds(30),
            "the call to complete");
        return calls[0];
    }
}
