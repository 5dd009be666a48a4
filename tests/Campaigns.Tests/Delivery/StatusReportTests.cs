using Outreach.Campaigns.Delivery;

namespace Outreach.Campaigns.Tests.Delivery;

public sealed class StatusReportTests
{
    [Fact]
    public void The_higher_status_wins_and_keeps_what_only_the_lower_one_knew()
    {
        var answered = new StatusReport(7, "CA1", DeliveryStatus.InProgress, AnsweredBy: "machine_start");
        var completed = new StatusReport(7, null, DeliveryStatus.Completed);

        Assert.Equal(new StatusReport(7, "CA1", DeliveryStatus.Completed, AnsweredBy: "machine_start"), answered.Over(completed));
        Assert.Equal(new StatusReport(7, "CA1", DeliveryStatus.Completed, AnsweredBy: "machine_start"), completed.Over(answered));
    }

    [Fact]
    public void Of_equal_statuses_the_first_wins_and_its_own_details_are_kept()
    {
        var first = new StatusReport(7, "SM1", DeliveryStatus.Failed, 30003);
        var second = new StatusReport(7, "SM1", DeliveryStatus.Undelivered, 30005);

        Assert.Same(first, first.Over(second));
        Assert.Equal(new StatusReport(7, "SM1", DeliveryStatus.Undelivered, 30005), second.Over(first));
    }
}
