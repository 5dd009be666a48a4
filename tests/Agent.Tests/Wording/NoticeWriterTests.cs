using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Conversations;
using Outreach.Agent.Storage;
using Outreach.Agent.Tests.Providers;
using Outreach.Agent.Wording;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Tests.Wording;

/// <summary>Segment wording: the offline template, and the model writer with its fact lock, through the real connector.</summary>
public sealed class NoticeWriterTests : IAsyncLifetime
{
    private static readonly NoticeContext WaterCut = new(
        21,
        "停水通知",
        "因管道检修，12月9日 8:00-17:00 枫林社区停水，请提前储水。",
        [new KeyFact("日期", "12月9日"), new KeyFact("时间", "8:00-17:00"), new KeyFact("电话", "0571-8888 6000")],
        ResponseKind.None,
        []);

    private static readonly SegmentKey[] Segments =
    [
        new("zh-CN", "elderly", ContactChannel.Voice),
        new("zh-CN", "general", ContactChannel.Sms),
        new("en", "general", ContactChannel.Sms),
    ];

    private ModelAgentFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await ModelAgentFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task The_offline_template_wraps_the_staff_text_and_appends_facts_it_lacks()
    {
        var wordings = await WithWriterAsync<TemplateNoticeWriter>(writer => writer.DraftAsync(WaterCut, Segments, CancellationToken.None));

        Assert.Equal([WordingSource.Template, WordingSource.Template, WordingSource.Untranslated], wordings.Select(w => w.Source));
        Assert.All(wordings, w => Assert.Empty(FactLock.Missing(w.Template, WaterCut.KeyFacts)));
        Assert.StartsWith("{honorific}", wordings[0].Template, StringComparison.Ordinal);
        Assert.Contains("0571-8888 6000", wordings[1].Template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_segment_without_english_text_gets_the_english_frame_every_fact_and_the_original()
    {
        var wording = Assert.Single(await WithWriterAsync<TemplateNoticeWriter>(writer => writer.DraftAsync(WaterCut, [Segments[2]], CancellationToken.None)));

        Assert.Equal(WordingSource.Untranslated, wording.Source);
        Assert.StartsWith("Hello {honorific}, a notice from {community}: 停水通知.", wording.Template, StringComparison.Ordinal);
        Assert.Contains(WaterCut.Body, wording.Template, StringComparison.Ordinal);
        Assert.Contains("Date: 12月9日 (Dec 9); Time: 8:00-17:00; Phone: 0571-8888 6000", wording.Template, StringComparison.Ordinal);
        Assert.Empty(FactLock.Missing(wording.Template, WaterCut.KeyFacts));
    }

    [Fact]
    public async Task A_segment_uses_the_staffs_own_text_in_its_language()
    {
        var notice = WaterCut with { Translations = [new NoticeTranslation("en", "Water cut", "Pipe repairs: no water in Maple on 12月9日, 8:00-17:00. Questions: 0571-8888 6000.")] };

        var wordings = await WithWriterAsync<TemplateNoticeWriter>(writer => writer.DraftAsync(notice, Segments, CancellationToken.None));

        Assert.Equal([WordingSource.Template, WordingSource.Template, WordingSource.Template], wordings.Select(w => w.Source));
        Assert.Equal("Hello {honorific}, a notice from {community}: Water cut. Pipe repairs: no water in Maple on 12月9日, 8:00-17:00. Questions: 0571-8888 6000.", wordings[2].Template[..wordings[2].Template.IndexOf(" Reply", StringComparison.Ordinal)].TrimEnd());
        Assert.DoesNotContain("停水", wordings[2].Template, StringComparison.Ordinal);
        Assert.Contains("停水通知", wordings[1].Template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_rewords_the_staffs_own_translation_for_its_language()
    {
        fixture.Model.Default = new TextReply("Dear {honorific}: no water on 12月9日 8:00-17:00; call 0571-8888 6000.");
        var notice = WaterCut with { Translations = [new NoticeTranslation("en", "Water cut", "No water on 12月9日 8:00-17:00. Questions: 0571-8888 6000.")] };

        await WithWriterAsync<INoticeWriter>(writer => writer.DraftAsync(notice, [Segments[2]], CancellationToken.None));

        var sent = fixture.Model.AllSentText();
        Assert.Contains("Notice title: Water cut", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("停水通知", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personalise_fills_the_residents_details()
    {
        var wording = new SegmentWording(Segments[1], "{honorific}您好，{community}{building}{unit}：{slot}", WordingSource.Template);

        var text = await WithWriterAsync<INoticeWriter>(writer => Task.FromResult(writer.Personalise(wording, new ResidentDetails("张桂兰", "张阿姨", "枫林社区", "3栋", "2单元", "周六上午"))));
        var noHonorific = await WithWriterAsync<INoticeWriter>(writer => Task.FromResult(writer.Personalise(wording, new ResidentDetails("李明", null, null, null, null))));

        Assert.Equal("张阿姨您好，枫林社区3栋2单元：周六上午", text);
        Assert.Equal("李明您好，：", noHonorific);
    }

    [Fact]
    public async Task The_model_drafts_one_wording_per_segment()
    {
        fixture.Model.Default = new TextReply("{honorific}您好：12月9日 8:00-17:00 停水，请储水。咨询0571-8888 6000。");

        var wordings = await WithWriterAsync<INoticeWriter>(writer => writer.DraftAsync(WaterCut, Segments, CancellationToken.None));

        Assert.All(wordings, w => Assert.Equal(WordingSource.Model, w.Source));
        Assert.Equal(Segments.Length, fixture.Model.Requests.Count);
    }

    [Fact]
    public async Task A_draft_that_drops_a_fact_is_redrafted_with_the_fact_named()
    {
        fixture.Model.Enqueue(
            new TextReply("{honorific}您好：12月9日白天停水，请储水。咨询0571-8888 6000。"),
            new TextReply("{honorific}您好：１２月９日 8:00-17:00 停水。咨询 0571-88886000。"));

        var wordings = await WithWriterAsync<INoticeWriter>(writer => writer.DraftAsync(WaterCut, [Segments[1]], CancellationToken.None));

        Assert.Equal(WordingSource.Model, Assert.Single(wordings).Source);
        Assert.Equal(2, fixture.Model.Requests.Count);
        Assert.Contains("8:00-17:00", fixture.Model.Requests.Last()["messages"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Split("上一稿")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_failed_drafts_fall_back_to_the_staffs_own_text()
    {
        fixture.Model.Default = new TextReply("{honorific}您好：下周停水，请储水。");

        var wordings = await WithWriterAsync<INoticeWriter>(writer => writer.DraftAsync(WaterCut, [Segments[1]], CancellationToken.None));

        var wording = Assert.Single(wordings);
        Assert.Equal(WordingSource.StaffText, wording.Source);
        Assert.Contains(WaterCut.Body, wording.Template, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Model.Requests.Count);
    }

    [Fact]
    public async Task Drafting_usage_is_recorded_against_the_campaign()
    {
        fixture.Model.Default = new TextReply("{honorific}您好：12月9日 8:00-17:00 停水。咨询0571-8888 6000。");

        await WithWriterAsync<INoticeWriter>(writer => writer.DraftAsync(WaterCut, Segments, CancellationToken.None));

        var calls = await fixture.Host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<AgentDbContext>().Usage.Where(u => u.CampaignId == 21 && u.Purpose == "notice").Sum(u => u.Calls)));
        Assert.Equal(Segments.Length, calls);
    }

    private Task<T> WithWriterAsync<TWriter, T>(Func<TWriter, Task<T>> work)
        where TWriter : notnull
        => fixture.Host.InScopeAsync(sp => work(sp.GetRequiredService<TWriter>()));

    private Task<IReadOnlyList<SegmentWording>> WithWriterAsync<TWriter>(Func<TWriter, Task<IReadOnlyList<SegmentWording>>> work)
        where TWriter : notnull
        => WithWriterAsync<TWriter, IReadOnlyList<SegmentWording>>(work);

    private Task<string> WithWriterAsync<TWriter>(Func<TWriter, Task<string>> work)
        where TWriter : notnull
        => WithWriterAsync<TWriter, string>(work);
}
