using Outreach.Agent.Wording;

namespace Outreach.Agent.Tests.Wording;

public sealed class NeutralGlossTests
{
    [Theory]
    [InlineData("12月5日", "12月5日 (Dec 5)")]
    [InlineData("12月5日（周六）下午3点", "12月5日（周六）下午3点 (Dec 5 Sat 15:00)")]
    [InlineData("上午8点半", "上午8点半 (08:30)")]
    [InlineData("晚上7点15分", "晚上7点15分 (19:15)")]
    [InlineData("星期天", "星期天 (Sun)")]
    [InlineData("8:00-17:00", "8:00-17:00")]
    [InlineData("0571-8888 6000", "0571-8888 6000")]
    [InlineData("社区卫生服务站", "社区卫生服务站")]
    [InlineData("13月40日", "13月40日")]
    public void Dates_and_times_are_glossed_in_digits_and_the_value_is_kept(string value, string expected)
        => Assert.Equal(expected, NeutralGloss.Append(value));
}
