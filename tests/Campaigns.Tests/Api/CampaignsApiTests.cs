using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Outreach.Campaigns.Definition;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Api;

public sealed class CampaignsApiTests
{
    [Fact]
    public async Task A_campaign_is_created_launched_and_counted_through_the_api()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(20);
        host.AnswerWith("delivered");

        var created = await host.Http.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Flu vaccination",
            notice = new { title = "流感疫苗接种", body = "周六上午9点到11点在社区中心接种。", keyFacts = new[] { new { name = "date", value = "周六" } }, response = "ConfirmDecline" },
            audience = "community = \"新河\"",
            channel = "sms",
            quietHours = new { from = "00:00", until = "00:00" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal($"/api/campaigns/{id}", created.Headers.Location?.ToString());

        var preview = await GetJsonAsync(host, $"/api/campaigns/{id}/preview");
        Assert.Equal(10, preview.GetProperty("audience").GetInt32());
        Assert.Equal("UCS-2", preview.GetProperty("segments")[0].GetProperty("sms").GetProperty("encoding").GetString());

        var launched = await host.Http.PostAsync($"/api/campaigns/{id}/launch", null);
        Assert.Equal(HttpStatusCode.Accepted, launched.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsync($"/api/campaigns/{id}/launch", null)).StatusCode);

        var done = await Eventually.UntilAsync(
            () => GetJsonAsync(host, $"/api/campaigns/{id}"),
            c => c.GetProperty("status").GetString() == nameof(CampaignStatus.Completed), TimeSpan.FromSeconds(60), "completed");
        var counts = done.GetProperty("counts");
        Assert.Equal((10, 10, 10), (counts.GetProperty("targeted").GetInt32(), counts.GetProperty("sent").GetInt32(), counts.GetProperty("delivered").GetInt32()));
        Assert.Equal(10, host.Sms.Sent.Count);

        var report = await GetJsonAsync(host, $"/api/campaigns/{id}/report");
        Assert.Equal("新河", report[0].GetProperty("community").GetString());
        Assert.Equal(10, report[0].GetProperty("reached").GetInt32());
    }

    [Theory]
    [InlineData("""{"name":"x","notice":{"body":"b"},"audience":"","channel":"sms"}""", "notice.title")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"audience":"community ~ 1","channel":"sms"}""", "position")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"channel":"fax"}""", "channel")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b","response":"Option","options":["a"]}}""", "notice.options")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"quietHours":{"from":"9pm"}}""", "quietHours.from")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"schedule":{"cron":"0 9 * *"}}""", "schedule.cron '0 9 * *' is not a valid cron expression")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"schedule":{"cron":"0 9 * * *","startAt":"2026-12-01T09:00:00+08:00"}}""", "schedule takes one of")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"schedule":{"relative":{"field":"checkup_due","daysBefore":3}}}""", "schedule.relative.at")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"schedule":{"relative":{"field":"community","daysBefore":3,"at":"10:00"}}}""", "schedule.relative.field")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"schedule":{"relative":{"daysBefore":3,"at":"10:00"}}}""", "schedule.relative.field")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b"},"schedule":{"relative":{"field":"checkup_due","daysBefore":3,"daysAfter":1,"at":"10:00"}}}""", "not both")]
    public async Task Bad_input_is_a_400_that_names_what_was_wrong(string body, string named)
    {
        await using var host = await CampaignTestHost.StartAsync(jobServer: false);

        var response = await host.Http.PostAsync("/api/campaigns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_stops_sending_within_a_batch_and_resume_finishes_the_campaign()
    {
        await using var host = await CampaignTestHost.StartAsync(new() { ["Campaigns:MessagesPerSecond"] = "40" });
        await host.SeedResidentsAsync(200);
        host.AnswerWith("delivered");
        var id = await host.CreateCampaignAsync();
        await host.LaunchAsync(id);
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count), n => n >= 20, what: "first sends");

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync($"/api/campaigns/{id}/pause", null)).StatusCode);
        await Eventually.UntilAsync(() => Task.FromResult(host.JobCounts().Busy == 0), what: "chunk jobs to stop");
        var whenPaused = host.Sms.Sent.Count;
        Assert.InRange(whenPaused, 20, 199);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsync($"/api/campaigns/{id}/pause", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync($"/api/campaigns/{id}/resume", null)).StatusCode);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        Assert.Equal(200, host.Sms.Sent.Count);
        Assert.Equal(200, host.Sms.Sent.Select(s => s.To).Distinct().Count());
    }

    private static async Task<JsonElement> GetJsonAsync(CampaignTestHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
