using Outreach.Agent.Conversations;
using Outreach.Agent.Wording;

namespace Outreach.Agent.Tests.Wording;

public sealed class FactLockTests
{
    private static readonly KeyFact[] Facts = [new("日期", "12月9日"), new("时间", "8:00-17:00"), new("金额", "150元")];

    [Theory]
    [InlineData("１２月９日 8:00 - 17:00 收费150元")]
    [InlineData("12月9日8:00-17:00，150 元")]
    public void Accepts_the_facts_up_to_width_and_spaces(string wording)
        => Assert.Empty(FactLock.Missing(wording, Facts));

    [Theory]
    [InlineData("12月10日 8:00-17:00 150元", "日期")]
    [InlineData("12月9日 上午8点到下午5点 150元", "时间")]
    [InlineData("12月9日 8:00-17:00 一百五十元", "金额")]
    public void Names_a_changed_or_dropped_fact(string wording, string missing)
        => Assert.Equal([missing], FactLock.Missing(wording, Facts).Select(f => f.Name));
}
