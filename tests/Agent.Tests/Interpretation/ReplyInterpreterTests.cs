using Microsoft.Extensions.Time.Testing;
using Outreach.Agent.Interpretation;

namespace Outreach.Agent.Tests.Interpretation;

public sealed class ReplyInterpreterTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // Wednesday 2026-12-02 09:00 in Shanghai.
    private readonly ReplyInterpreter interpreter = new(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero)));

    [Theory]
    // Confirmations, zh-CN.
    [InlineData("好的", ResidentIntent.Confirm)]
    [InlineData("好", ResidentIntent.Confirm)]
    [InlineData("好的好的，谢谢", ResidentIntent.Confirm)]
    [InlineData("可以", ResidentIntent.Confirm)]
    [InlineData("行", ResidentIntent.Confirm)]
    [InlineData("没问题", ResidentIntent.Confirm)]
    [InlineData("1", ResidentIntent.Confirm)]
    [InlineData("１", ResidentIntent.Confirm)]
    [InlineData("我会去的", ResidentIntent.Confirm)]
    [InlineData("我去", ResidentIntent.Confirm)]
    [InlineData("嗯嗯", ResidentIntent.Confirm)]
    [InlineData("一定准时到", ResidentIntent.Confirm)]
    [InlineData("确认参加", ResidentIntent.Confirm)]
    [InlineData("不好意思刚看到，我会去的", ResidentIntent.Confirm)]
    // Dialect-flavoured Mandarin.
    [InlineData("要得", ResidentIntent.Confirm)]
    [InlineData("中", ResidentIntent.Confirm)]
    [InlineData("中嘞", ResidentIntent.Confirm)]
    [InlineData("得行", ResidentIntent.Confirm)]
    [InlineData("晓得了", ResidentIntent.Acknowledge)]
    [InlineData("收到", ResidentIntent.Acknowledge)]
    [InlineData("莫得空", ResidentIntent.Decline)]
    [InlineData("冇空", ResidentIntent.Decline)]
    [InlineData("不中", ResidentIntent.Decline)]
    [InlineData("要不得", ResidentIntent.Decline)]
    // Typos.
    [InlineData("号的", ResidentIntent.Confirm)]
    [InlineData("可已", ResidentIntent.Confirm)]
    [InlineData("没问提", ResidentIntent.Confirm)]
    [InlineData("yse", ResidentIntent.Confirm)]
    [InlineData("yesss", ResidentIntent.Confirm)]
    [InlineData("okk", ResidentIntent.Confirm)]
    [InlineData("shure", ResidentIntent.Confirm)]
    [InlineData("cant make it", ResidentIntent.Decline)]
    // Declines, zh-CN.
    [InlineData("不去", ResidentIntent.Decline)]
    [InlineData("我那天没空", ResidentIntent.Decline)]
    [InlineData("去不了", ResidentIntent.Decline)]
    [InlineData("2", ResidentIntent.Decline)]
    [InlineData("不好", ResidentIntent.Decline)]
    [InlineData("不行啊，那天有事", ResidentIntent.Decline)]
    [InlineData("不了", ResidentIntent.Decline)]
    [InlineData("不可以", ResidentIntent.Decline)]
    [InlineData("可能去不了", ResidentIntent.Decline)]
    [InlineData("人在外地，来不了", ResidentIntent.Decline)]
    // Negations and double negations.
    [InlineData("不确定", ResidentIntent.Unclear)]
    [InlineData("不一定能去", ResidentIntent.Unclear)]
    [InlineData("说不准，到时候看", ResidentIntent.Unclear)]
    [InlineData("不是不去", ResidentIntent.Confirm)]
    [InlineData("我不是不想去", ResidentIntent.Confirm)]
    [InlineData("不会不去的", ResidentIntent.Confirm)]
    [InlineData("可能吧", ResidentIntent.Unclear)]
    [InlineData("maybe", ResidentIntent.Unclear)]
    [InlineData("not sure yet", ResidentIntent.Unclear)]
    // English.
    [InlineData("yes", ResidentIntent.Confirm)]
    [InlineData("YES", ResidentIntent.Confirm)]
    [InlineData("ok", ResidentIntent.Confirm)]
    [InlineData("Sure, I'll be there", ResidentIntent.Confirm)]
    [InlineData("no problem", ResidentIntent.Confirm)]
    [InlineData("can't wait!", ResidentIntent.Confirm)]
    [InlineData("no", ResidentIntent.Decline)]
    [InlineData("No, I can't", ResidentIntent.Decline)]
    [InlineData("sorry I'm busy that day", ResidentIntent.Decline)]
    [InlineData("I won't be able to come", ResidentIntent.Decline)]
    [InlineData("nope", ResidentIntent.Decline)]
    [InlineData("got it, thanks", ResidentIntent.Acknowledge)]
    // Opt-out and keywords.
    [InlineData("STOP", ResidentIntent.OptOut)]
    [InlineData("ＳＴＯＰ", ResidentIntent.OptOut)]
    [InlineData("退订", ResidentIntent.OptOut)]
    [InlineData("TD", ResidentIntent.OptOut)]
    [InlineData("不要再打了", ResidentIntent.OptOut)]
    [InlineData("别发了，烦不烦", ResidentIntent.OptOut)]
    [InlineData("以后别给我打电话", ResidentIntent.OptOut)]
    [InlineData("please stop calling me", ResidentIntent.OptOut)]
    [InlineData("Don't text me again", ResidentIntent.OptOut)]
    [InlineData("START", ResidentIntent.OptIn)]
    [InlineData("订阅", ResidentIntent.OptIn)]
    [InlineData("我想重新订阅", ResidentIntent.OptIn)]
    [InlineData("HELP", ResidentIntent.Help)]
    [InlineData("帮助", ResidentIntent.Help)]
    // A person.
    [InlineData("转人工", ResidentIntent.AskPerson)]
    [InlineData("我要找工作人员", ResidentIntent.AskPerson)]
    [InlineData("让社区给我回个电话", ResidentIntent.AskPerson)]
    [InlineData("Can I speak to a person?", ResidentIntent.AskPerson)]
    [InlineData("please call me back", ResidentIntent.AskPerson)]
    // Problems.
    [InlineData("3栋门口路灯坏了", ResidentIntent.ReportProblem)]
    [InlineData("楼上漏水到我家了", ResidentIntent.ReportProblem)]
    [InlineData("下水道堵了", ResidentIntent.ReportProblem)]
    [InlineData("The streetlight outside building 5 is broken", ResidentIntent.ReportProblem)]
    [InlineData("water leaking from the ceiling", ResidentIntent.ReportProblem)]
    // Questions.
    [InlineData("在哪里？", ResidentIntent.Question)]
    [InlineData("几点开始", ResidentIntent.Question)]
    [InlineData("要带什么", ResidentIntent.Question)]
    [InlineData("需要带身份证吗", ResidentIntent.Question)]
    [InlineData("可以带家属吗", ResidentIntent.Question)]
    [InlineData("社区中心周六开门吗", ResidentIntent.Question)]
    [InlineData("?", ResidentIntent.Question)]
    [InlineData("where is it", ResidentIntent.Question)]
    [InlineData("When does it start?", ResidentIntent.Question)]
    [InlineData("what should I bring", ResidentIntent.Question)]
    [InlineData("is it free?", ResidentIntent.Question)]
    // Not a keyword inside a sentence, nothing to act on.
    [InlineData("don't stop the water please", ResidentIntent.Unclear)]
    [InlineData("", ResidentIntent.Unclear)]
    [InlineData("哈哈", ResidentIntent.Unclear)]
    // About someone else: never changes a record.
    [InlineData("帮隔壁王大爷退订", ResidentIntent.Question)]
    [InlineData("我邻居说她不去了", ResidentIntent.Question)]
    [InlineData("Confirm for my neighbour too", ResidentIntent.Question)]
    public void Reads_real_world_phrasings(string text, ResidentIntent expected)
    {
        var result = interpreter.Interpret(text, null, null, Shanghai);

        Assert.Equal(expected, result.Intent);
    }

    [Theory]
    [InlineData("好的，在哪里？", ResidentIntent.Confirm)]
    [InlineData("去不了，下次什么时候", ResidentIntent.Decline)]
    [InlineData("ok. where is it?", ResidentIntent.Confirm)]
    public void A_response_with_a_question_keeps_both(string text, ResidentIntent expected)
    {
        var result = interpreter.Interpret(text, null, null, Shanghai);

        Assert.Equal(expected, result.Intent);
        Assert.True(result.HasQuestion);
    }

    [Theory]
    [InlineData("2", null, "周日下午")]
    [InlineData("", "2", "周日下午")]
    [InlineData("第一个", null, "周六上午")]
    [InlineData("选B", null, "周日下午")]
    [InlineData("b", null, "周日下午")]
    [InlineData("周日下午吧", null, "周日下午")]
    [InlineData("周六上午可以", null, "周六上午")]
    [InlineData("Saturday morning", null, "周六上午")]
    [InlineData("option 2", null, "周日下午")]
    public void Picks_an_option(string text, string? digits, string expected)
    {
        var result = interpreter.Interpret(text, digits, ["周六上午", "周日下午"], Shanghai);

        Assert.Equal(ResidentIntent.Option, result.Intent);
        Assert.Equal(expected, result.Option);
    }

    [Fact]
    public void Keypad_digits_win_over_speech()
    {
        var result = interpreter.Interpret("嗯……", "2", null, Shanghai);

        Assert.Equal(ResidentIntent.Decline, result.Intent);
    }

    [Theory]
    [InlineData("好的", "zh-CN")]
    [InlineData("yes please", "en")]
    [InlineData("1", null)]
    public void Detects_the_language_of_the_message(string text, string? expected)
        => Assert.Equal(expected, interpreter.Interpret(text, null, null, Shanghai).Language);
}
