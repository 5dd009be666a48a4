using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Targets;
using Outreach.Campaigns.Tests.Doubles;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Access;

public sealed class CampaignAccessTests
{
    [Fact]
    public async Task Community_staff_see_and_steer_only_campaigns_of_their_community()
    {
        await using var host = await CampaignTestHost.StartAsync(jobServer: false, scopeFromHeader: true);
        var residents = await host.SeedResidentsAsync(10);
        var (xinhe, riverside) = (residents[0].CommunityId, residents[1].CommunityId);
        var theirs = await CreateAsync(host, null, "community = \"Riverside\"");
        var ours = await CreateAsync(host, xinhe, "");

        var list = await SendAsync(host, HttpMethod.Get, "/api/campaigns", xinhe);
        Assert.Equal([ours], (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal([xinhe], await host.QueryAsync(db => db.Campaigns.Where(c => c.Id == ours).Select(c => c.CommunityIds).FirstAsync()));
        foreach (var (method, path) in new[] { (HttpMethod.Get, ""), (HttpMethod.Post, "/pause"), (HttpMethod.Post, "/launch"), (HttpMethod.Post, "/cancel"), (HttpMethod.Get, "/report"), (HttpMethod.Get, "/unreached.csv"), (HttpMethod.Get, "/preview") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host, method, $"/api/campaigns/{theirs}{path}", xinhe)).StatusCode);
        }

        Assert.Equal(CampaignStatus.Draft, (await host.CampaignAsync(theirs)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Get, $"/api/campaigns/{theirs}", riverside)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Post, $"/api/campaigns/{ours}/cancel", xinhe)).StatusCode);
    }

    [Fact]
    public async Task Community_staff_cannot_create_a_campaign_for_another_community()
    {
        await using var host = await CampaignTestHost.StartAsync(jobServer: false, scopeFromHeader: true);
        var residents = await host.SeedResidentsAsync(4);

        var response = await SendAsync(host, HttpMethod.Post, "/api/campaigns", residents[0].CommunityId, Request("community = \"Riverside\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("audience", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_street_wide_campaign_is_read_by_staff_for_their_community_only_and_steered_by_admins()
    {
        await using var host = await CampaignTestHost.StartAsync(scopeFromHeader: true);
        var residents = await host.SeedResidentsAsync(20);
        var xinhe = residents[0].CommunityId;
        host.AnswerWith("delivered");
        var id = await CreateAsync(host, null, "");

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host, HttpMethod.Post, $"/api/campaigns/{id}/launch", xinhe)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(host, HttpMethod.Post, $"/api/campaigns/{id}/launch", null)).StatusCode);
        await host.UntilStatusAsync(id, CampaignStatus.Completed);
        await host.QueryAsync(db => db.Targets.Where(t => t.CampaignId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, TargetOutcome.Unreachable)));

        var report = await (await SendAsync(host, HttpMethod.Get, $"/api/campaigns/{id}/report", xinhe)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["新河"], report.EnumerateArray().Select(r => r.GetProperty("community").GetString()));
        var view = await (await SendAsync(host, HttpMethod.Get, $"/api/campaigns/{id}", xinhe)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(10, view.GetProperty("counts").GetProperty("targeted").GetInt32());
        var csv = await (await SendAsync(host, HttpMethod.Get, $"/api/campaigns/{id}/unreached.csv", xinhe)).Content.ReadAsStringAsync();
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, row => Assert.Contains(",新河,", row, StringComparison.Ordinal));
        var all = await (await SendAsync(host, HttpMethod.Get, $"/api/campaigns/{id}/report", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, all.GetArrayLength());
    }

    private static async Task<int> CreateAsync(CampaignTestHost host, int? community, string audience)
    {
        var response = await SendAsync(host, HttpMethod.Post, "/api/campaigns", community, Request(audience));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static string Request(string audience) => JsonSerializer.Serialize(new
    {
        name = "Water outage",
        notice = new { title = "停水通知", body = "周三停水。" },
        audience,
        channel = "sms",
        quietHours = new { from = "00:00", until = "00:00" },
    });

    private static async Task<HttpResponseMessage> SendAsync(CampaignTestHost host, HttpMethod method, string path, int? community, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (community is { } id)
        {
            request.Headers.Add(HeaderCommunityScope.Header, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await host.Http.SendAsync(request);
    }
}
