using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Residents.Storage;
using Outreach.Telephony.Emulator;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.EndToEnd;

/// <summary>
/// Issue 2's loop on the real host: a campaign goes out by SMS through the Twilio SDK to the emulator, residents
/// reply (through the emulator and as signed Twilio webhooks), and the replies land on their records and in the
/// campaign's counts. Unsigned webhooks are refused and change nothing. Runs on SQLite (the embedded default) and on
/// PostgreSQL (EF Core and Hangfire both on the cluster).
/// </summary>
public abstract class NoticeLoopTests(OutreachHost host)
{
    public sealed class OnSqlite(OutreachHost host) : NoticeLoopTests(host), IClassFixture<OutreachHost>;

    public sealed class OnPostgreSql(PostgreSqlOutreachHost host) : NoticeLoopTests(host), IClassFixture<PostgreSqlOutreachHost>;

    private const string Community = "湖滨社区";

    [Fact]
    public async Task A_notice_goes_out_and_replies_land_on_records_and_counts()
    {
        using var api = host.CreateAdminClient();
        await WaitUntilHealthyAsync(api);

        var residents = await GetJsonAsync(api, $"/api/residents?community={Uri.EscapeDataString(Community)}&limit=500");
        var audience = residents.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(audience);
        var chinese = audience.First(r => r.GetProperty("language").GetString() == "zh-CN");
        var english = audience.First(r => r.GetProperty("language").GetString() == "en");

        // 1. Compose and launch (no quiet hours, so the test does not depend on the time of day in Shanghai).
        using var create = await api.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Flu vaccination day",
            notice = new
            {
                title = "流感疫苗接种 / Flu vaccination",
                body = "12月5日上午9点在社区服务中心接种流感疫苗，请带身份证。",
                keyFacts = new[] { new { name = "date", value = "12月5日" } },
                response = "ConfirmDecline",
            },
            audience = $"community = \"{Community}\"",
            channel = "sms",
            quietHours = new { from = "00:00", until = "00:00" },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var campaignId = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var launch = await api.PostAsync(new Uri($"/api/campaigns/{campaignId}/launch", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, launch.StatusCode);

        // 2. Everyone in the community gets it, delivered per the emulator's status callbacks.
        var counts = await Eventually.UntilAsync(
            () => CountsAsync(api, campaignId),
            c => c.GetProperty("delivered").GetInt32() == audience.Count,
            TimeSpan.FromSeconds(60),
            "every SMS to be delivered");
        Assert.Equal(audience.Count, counts.GetProperty("targeted").GetInt32());
        Assert.Equal(audience.Count, counts.GetProperty("sent").GetInt32());
        Assert.Equal(0, counts.GetProperty("failed").GetInt32());

        // The report's funnel per community agrees with the counts.
        var report = await GetJsonAsync(api, $"/api/campaigns/{campaignId}/report");
        Assert.Contains(Community, report.ToString(), StringComparison.Ordinal);

        // 3. Each resident's SMS carries their own name, in their language, with the key fact unchanged.
        var chineseSms = await LastMessageToAsync(api, chinese.GetProperty("phone").GetString()!);
        Assert.Contains(chinese.GetProperty("name").GetString()!, chineseSms, StringComparison.Ordinal);
        Assert.Contains("12月5日", chineseSms, StringComparison.Ordinal);
        var englishSms = await LastMessageToAsync(api, english.GetProperty("phone").GetString()!);
        Assert.Contains(english.GetProperty("name").GetString()!.Split(' ')[0], englishSms, StringComparison.Ordinal);
        Assert.Matches("[A-Za-z]{4,}", englishSms);

        // 4. A signed reply, as Twilio posts it, is interpreted and recorded.
        var messageSid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var reply = SignedInbound(messageSid, chinese.GetProperty("phone").GetString()!, "好的，我会去");
        using (var response = await PostFormAsync(api, "/twilio/sms/inbound", reply, signed: true))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var chineseId = chinese.GetProperty("id").GetInt32();
        var timeline = await Eventually.UntilAsync(
            () => TimelineAsync(api, chineseId),
            t => t.Any(e => e.GetProperty("outcome").GetString() == "confirmed"),
            TimeSpan.FromSeconds(30),
            "the confirmation on the resident's timeline");
        var inbound = Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "InboundMessage");
        Assert.Contains("好的，我会去", inbound.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Equal(campaignId, inbound.GetProperty("campaignId").GetInt32());
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "AgentReply");

        // 5. The same webhook replayed changes nothing.
        using (var replay = await PostFormAsync(api, "/twilio/sms/inbound", reply, signed: true))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }

        // 6. An unsigned or wrongly signed webhook is refused.
        var forgedSid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var forged = SignedInbound(forgedSid, chinese.GetProperty("phone").GetString()!, "STOP");
        using (var unsigned = await PostFormAsync(api, "/twilio/sms/inbound", forged, signed: false))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        using (var wrong = await PostFormAsync(api, "/twilio/sms/inbound", forged, signed: true, authToken: "not-the-token"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        // 7. A resident declines from their phone (the emulator signs and posts the webhook).
        using (var text = await api.PostAsJsonAsync($"/emulator/phones/{Uri.EscapeDataString(english.GetProperty("phone").GetString()!)}/sms", new { body = "Sorry, I can't come" }))
        {
            Assert.True(text.IsSuccessStatusCode, $"emulator answered {(int)text.StatusCode}");
        }

        counts = await Eventually.UntilAsync(
            () => CountsAsync(api, campaignId),
            c => c.GetProperty("declined").GetInt32() == 1 && c.GetProperty("replied").GetInt32() == 2,
            TimeSpan.FromSeconds(30),
            "the decline and both replies in the counts");
        Assert.Equal(1, counts.GetProperty("confirmed").GetInt32());

        // The replay and the forged messages left no trace: one inbound entry for the Chinese resident, not opted out.
        timeline = await TimelineAsync(api, chineseId);
        Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "InboundMessage");
        Assert.DoesNotContain(timeline, e => e.GetProperty("externalRef").GetString() == forgedSid);
        var record = await GetJsonAsync(api, $"/api/residents/{chineseId}");
        Assert.Equal(JsonValueKind.Null, record.GetProperty("resident").GetProperty("optedOutAt").ValueKind);
        Assert.Equal(0, counts.GetProperty("optedOut").GetInt32());
    }

    [Fact]
    public async Task Records_and_jobs_live_in_the_configured_database()
    {
        using var api = host.CreateAdminClient();
        await WaitUntilHealthyAsync(api);
        await using var scope = host.Services.CreateAsyncScope();
        var residents = scope.ServiceProvider.GetRequiredService<ResidentsDbContext>();
        var storage = scope.ServiceProvider.GetRequiredService<JobStorage>();
        var postgreSql = host.Database.Provider == DatabaseProvider.PostgreSql;
        Assert.Equal(postgreSql, residents.Database.IsNpgsql());
        Assert.Equal(postgreSql ? typeof(PostgreSqlStorage) : typeof(SQLiteStorage), storage.GetType());
        Assert.True(await residents.Residents.AnyAsync(), "the demo street is seeded");
    }

    [Fact]
    public async Task Malformed_campaign_is_a_400_that_names_the_field()
    {
        using var api = host.CreateAdminClient();
        await WaitUntilHealthyAsync(api);
        using var response = await api.PostAsJsonAsync("/api/campaigns", new { name = "x", notice = new { body = "no title" }, audience = "community = ", channel = "sms" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("title", problem, StringComparison.OrdinalIgnoreCase);

        using var broken = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        using var malformed = await api.PostAsync(new Uri("/api/campaigns", UriKind.Relative), broken);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private static async Task WaitUntilHealthyAsync(HttpClient api)
        => await Eventually.UntilAsync(
            async () => (await api.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            "/health");

    private static async Task<JsonElement> GetJsonAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> CountsAsync(HttpClient api, int campaignId)
        => (await GetJsonAsync(api, $"/api/campaigns/{campaignId}")).GetProperty("counts");

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient api, int residentId)
        => [.. (await GetJsonAsync(api, $"/api/residents/{residentId}?pageSize=100")).GetProperty("timeline").GetProperty("items").EnumerateArray()];

    private static async Task<string> LastMessageToAsync(HttpClient api, string phone)
    {
        var messages = await GetJsonAsync(api, $"/emulator/phones/{Uri.EscapeDataString(phone)}/messages");
        return messages.EnumerateArray().Last(m => m.GetProperty("to").GetString() == phone).GetProperty("body").GetString()!;
    }

    private static Dictionary<string, string> SignedInbound(string messageSid, string from, string body) => new()
    {
        ["MessageSid"] = messageSid,
        ["SmsSid"] = messageSid,
        ["AccountSid"] = "AC00000000000000000000000000000000",
        ["From"] = from,
        ["To"] = "+8657188880000",
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    private async Task<HttpResponseMessage> PostFormAsync(HttpClient api, string path, Dictionary<string, string> form, bool signed, string authToken = OutreachHost.AuthToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = null;
        if (signed)
        {
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(authToken, host.BaseUrl + path, form));
        }

        return await api.SendAsync(request);
    }
}
