using Outreach.Agent.Interpretation;

namespace Outreach.Agent.Tests.Interpretation;

public sealed class ResidentTimeParserTests
{
    // Wednesday 2026-12-02, 09:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("周六上午", "2026-12-05", null, DayPart.Morning)]
    [InlineData("明天下午三点", "2026-12-03", "15:00", DayPart.Afternoon)]
    [InlineData("后天", "2026-12-04", null, null)]
    [InlineData("下周一上午10点", "2026-12-07", "10:00", DayPart.Morning)]
    [InlineData("这周五晚上七点半", "2026-12-04", "19:30", DayPart.Evening)]
    [InlineData("星期天", "2026-12-06", null, null)]
    [InlineData("12月8号下午", "2026-12-08", null, DayPart.Afternoon)]
    [InlineData("今天 15:30", "2026-12-02", "15:30", null)]
    [InlineData("next monday at 10", "2026-12-07", "10:00", null)]
    [InlineData("tomorrow at 3pm", "2026-12-03", "15:00", DayPart.Afternoon)]
    [InlineData("saturday morning", "2026-12-05", null, DayPart.Morning)]
    [InlineData("this friday 9am", "2026-12-04", "09:00", DayPart.Morning)]
    [InlineData("三点", null, "15:00", null)]
    public void Resolves_dates_and_times(string text, string? date, string? time, DayPart? part)
    {
        var result = ResidentTimeParser.Parse(text, Now);

        Assert.NotNull(result);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), result.Date);
        Assert.Equal(time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), result.Time);
        Assert.Equal(part, result.Part);
    }

    [Theory]
    [InlineData("好的")]
    [InlineData("我住3号楼")]
    [InlineData("有一点问题")]
    [InlineData("I am coming")]
    public void Finds_no_time_where_there_is_none(string text)
        => Assert.Null(ResidentTimeParser.Parse(text, Now));
}
