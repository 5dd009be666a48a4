using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Dispatch;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Dispatch;

public sealed class QuietHoursTests
{
    private static readonly TimeOnly Nine = new(21, 0);
    private static readonly TimeOnly Eight = new(8, 0);

    [Theory]
    [InlineData("2026-11-29T22:30:00+08:00", "2026-11-30T08:00:00+08:00")]
    [InlineData("2026-11-30T03:00:00+08:00", "2026-11-30T08:00:00+08:00")]
    [InlineData("2026-11-29T21:00:00+08:00", "2026-11-30T08:00:00+08:00")]
    [InlineData("2026-11-29T13:30:00Z", "2026-11-30T08:00:00+08:00")]
    public void Inside_the_window_work_waits_for_the_morning(string now, string opens)
        => Assert.Equal(DateTimeOffset.Parse(opens, System.Globalization.CultureInfo.InvariantCulture),
            QuietHours.OpensAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Nine, Eight, "Asia/Shanghai"));

    [Theory]
    [InlineData("2026-11-29T08:00:00+08:00")]
    [InlineData("2026-11-29T20:59:59+08:00")]
    [InlineData("2026-11-29T12:00:00Z")]
    public void Outside_the_window_work_goes_now(string now)
        => Assert.Null(QuietHours.OpensAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Nine, Eight, "Asia/Shanghai"));

    [Theory]
    // The night daylight saving begins: 22:30 EST, the window ends at 08:00 EDT, seven hours of wall-clock later.
    [InlineData("2026-03-07T22:30:00-05:00", "2026-03-08T08:00:00-04:00")]
    // The night it ends: 22:30 EDT, the window ends at 08:00 EST.
    [InlineData("2026-10-31T22:30:00-04:00", "2026-11-01T08:00:00-05:00")]
    [InlineData("2026-03-08T07:59:00-04:00", "2026-03-08T08:00:00-04:00")]
    public void In_a_daylight_saving_zone_the_window_ends_at_eight_on_the_street_clock(string now, string opens)
        => Assert.Equal(DateTimeOffset.Parse(opens, System.Globalization.CultureInfo.InvariantCulture),
            QuietHours.OpensAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Nine, Eight, "America/New_York"));

    [Fact]
    public async Task Quiet_hours_are_kept_in_the_campaigns_street_time_zone_across_a_daylight_saving_change()
    {
        // 11:30 in Shanghai, but 22:30 on the street, which is in New York: the street sleeps.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-07T22:30:00-05:00", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await CampaignTestHost.StartAsync(time: time);
        await host.SeedResidentsAsync(12, timeZone: "America/New_York");
        var created = await host.Http.PostAsJsonAsync("/api/campaigns", new { name = "Snow clearing", notice = new { title = "Snow", body = "Clearing tomorrow." }, channel = "sms" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal("America/New_York", (await host.CampaignAsync(id)).TimeZone);

        await host.LaunchAsync(id);
        await Eventually.UntilAsync(async () => (await host.CampaignAsync(id)).SnapshotAt is not null && host.JobCounts() is { Busy: 0, Scheduled: >= 2 }, what: "deferred chunk");
        Assert.Empty(host.Sms.Sent);

        time.SetUtcNow(DateTimeOffset.Parse("2026-03-08T08:00:01-04:00", System.Globalization.CultureInfo.InvariantCulture));
        host.RunScheduledJobsNow();

        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count), n => n == 12, what: "morning sends");
        Assert.Equal(12, host.Sms.Sent.Select(s => s.To).Distinct().Count());
    }

    [Fact]
    public async Task A_campaign_launched_at_night_is_deferred_to_the_morning_not_dropped()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T22:30:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await CampaignTestHost.StartAsync(time: time);
        await host.SeedResidentsAsync(30);
        var id = await host.CreateCampaignAsync(c =>
        {
            c.QuietFrom = Nine;
            c.QuietUntil = Eight;
        });

        await host.LaunchAsync(id);
        // The chunk job ran, found the street asleep and put itself on the schedule for 08:00.
        await Eventually.UntilAsync(async () => (await host.CampaignAsync(id)).SnapshotAt is not null && host.JobCounts() is { Busy: 0, Scheduled: >= 2 }, what: "deferred chunk");
        Assert.Empty(host.Sms.Sent);

        time.SetUtcNow(DateTimeOffset.Parse("2026-11-30T08:00:01+08:00", System.Globalization.CultureInfo.InvariantCulture));
        host.RunScheduledJobsNow();

        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count), n => n == 30, what: "morning sends");
        Assert.Equal(30, host.Sms.Sent.Select(s => s.To).Distinct().Count());
        Assert.All(host.Sms.Sent, s => Assert.True(s.At >= time.GetUtcNow().AddSeconds(-1)));
        Assert.Equal(CampaignStatus.Running, (await host.CampaignAsync(id)).Status);
    }
}
