using System.Globalization;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Schedules;

namespace Outreach.Campaigns.Tests.Schedules;

public sealed class CampaignOccurrencesTests
{
    private static readonly TimeZoneInfo Shanghai = QuietHours.Zone("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = QuietHours.Zone("America/New_York");

    [Theory]
    [InlineData("Asia/Shanghai", "2026-11-30T09:00:20+08:00", "2026-11-30T09:00:00+08:00")]
    [InlineData("Asia/Shanghai", "2026-11-30T20:00:00+08:00", "2026-11-30T09:00:00+08:00")]
    // Either side of the spring-forward change, 09:00 stays 09:00 on the street's clock.
    [InlineData("America/New_York", "2026-03-07T09:00:05-05:00", "2026-03-07T09:00:00-05:00")]
    [InlineData("America/New_York", "2026-03-09T09:00:05-04:00", "2026-03-09T09:00:00-04:00")]
    public void The_latest_cron_occurrence_is_on_the_street_clock(string zone, string now, string expected)
        => Assert.Equal(At(expected), CampaignOccurrences.LatestCronOccurrence("0 9 * * *", QuietHours.Zone(zone), At(now), TimeSpan.FromHours(12)));

    [Fact]
    public void Occurrences_older_than_the_catch_up_window_are_not_sent()
        => Assert.Null(CampaignOccurrences.LatestCronOccurrence("0 9 * * *", Shanghai, At("2026-11-30T22:00:00+08:00"), TimeSpan.FromHours(12)));

    [Fact]
    public void Three_days_before_at_ten_is_for_residents_whose_date_is_three_days_ahead()
    {
        var due = CampaignOccurrences.DueDateValues(-3, new TimeOnly(10, 0), Shanghai, At("2026-12-01T10:00:30+08:00"), TimeSpan.FromHours(12));

        var (at, value) = Assert.Single(due);
        Assert.Equal(At("2026-12-01T10:00:00+08:00"), at);
        Assert.Equal(new DateOnly(2026, 12, 4), value);
    }

    [Fact]
    public void Before_the_local_time_nothing_is_due_today()
        => Assert.Empty(CampaignOccurrences.DueDateValues(-3, new TimeOnly(10, 0), Shanghai, At("2026-12-01T09:58:00+08:00"), TimeSpan.FromHours(12)));

    [Fact]
    public void A_catch_up_window_spanning_days_yields_each_day_with_its_own_date_value()
    {
        var due = CampaignOccurrences.DueDateValues(2, new TimeOnly(10, 0), NewYork, At("2026-03-09T10:30:00-04:00"), TimeSpan.FromHours(47));

        Assert.Equal([new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 7)], due.Select(d => d.Value));
        Assert.Equal([At("2026-03-08T10:00:00-04:00"), At("2026-03-09T10:00:00-04:00")], due.Select(d => d.At));
    }

    [Fact]
    public void A_local_time_skipped_by_daylight_saving_moves_an_hour_later()
        => Assert.Equal(At("2026-03-08T03:30:00-04:00"), CampaignOccurrences.LocalInstant(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), NewYork));

    [Theory]
    [InlineData("0 9 * * *", true)]
    [InlineData("*/15 8-18 * * 1-5", true)]
    [InlineData("0 9 * *", false)]
    [InlineData("61 9 * * *", false)]
    [InlineData("every day", false)]
    public void Cron_expressions_have_five_fields(string cron, bool valid)
        => Assert.Equal(valid, CampaignOccurrences.TryParseCron(cron, out _, out _));

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
