using Outreach.Campaigns.Api;

namespace Outreach.Campaigns.Tests.Api;

public sealed class CampaignRequestValidationTests
{
    [Fact]
    public void A_start_time_given_in_a_street_offset_is_kept_as_the_same_instant_in_UTC()
    {
        var startAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
        var errors = new Dictionary<string, string[]>();
        var request = new CreateCampaignRequest("Flu shots", new NoticeRequest("流感疫苗", "12月1日上午接种。"), "language = \"zh-CN\"", "sms",
            Schedule: new ScheduleRequest(StartAt: startAt));

        var campaign = CampaignRequestValidation.ToCampaign(request, startAt.AddDays(-1), "staff", errors);

        Assert.Empty(errors);
        Assert.Equal(startAt, campaign!.StartAt);
        // PostgreSQL's timestamptz takes offset 0 only; the targets' due time is copied from it.
        Assert.Equal(TimeSpan.Zero, campaign.StartAt!.Value.Offset);
    }
}
