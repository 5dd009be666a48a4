using System.Text;
using Microsoft.Playwright;
using Outreach.Testing;

namespace Outreach.EndToEnd.Browser;

/// <summary>Issue 7's scenario: import, compose, launch, watch it complete, a resident asks on the emulator's phone, staff answer from the inbox.</summary>
[Collection(ConsoleBrowserGroup.Name)]
public sealed class NoticeLoopInTheBrowserTests(ConsoleSession session)
{
    private const string ResidentPhone = "+8613912345601";

    [Fact]
    public async Task Staff_launch_a_notice_a_resident_asks_on_the_phone_and_staff_answer_from_the_inbox()
    {
        var staff = await session.SignInAsync(ConsoleSession.AdminEmail);

        // Import two residents tagged for this scenario, with one bad row.
        await staff.GotoAsync("/residents/import");
        var csv = "姓名,电话,社区,楼栋,语言,标签\n"
            + $"周玉兰,{ResidentPhone},新河社区,9,zh-CN,loop\n"
            + "Grace Lin,+8613912345602,新河社区,9,en,loop\n"
            + "坏行,not-a-phone,新河社区,9,zh-CN,loop\n";
        await staff.SetInputFilesAsync("[data-testid=import-file]", new FilePayload { Name = "loop.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await staff.ClickAsync("form[enctype] button.primary");
        await Assertions.Expect(staff.GetByTestId("import-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(staff.GetByTestId("import-rejected")).ToHaveTextAsync("1");

        // Compose: the audience count is live.
        await staff.GotoAsync("/campaigns/new");
        await staff.FillAsync("input[name='Input.Name']", "Building 9 water stop");
        await staff.FillAsync("input[name='Input.Title']", "停水通知");
        await staff.FillAsync("textarea[name='Input.Body']", "9号楼12月6日9:00至12:00停水检修，请提前储水。");
        await staff.FillAsync("textarea[name='Input.KeyFacts']", "日期: 12月6日\n时间: 9:00-12:00");
        await staff.SelectOptionAsync("select[name='Input.Response']", "None");
        await staff.FillAsync("[data-testid=audience]", "tags has \"loop\"");
        // No quiet hours, so the test does not depend on the time of day in the street's time zone.
        await staff.FillAsync("[data-testid=quiet-from]", "00:00");
        await staff.FillAsync("[data-testid=quiet-until]", "00:00");
        await Assertions.Expect(staff.GetByTestId("audience-count")).ToHaveTextAsync("2");
        await ConsoleSession.ScreenshotAsync(staff, "campaign-compose");
        await staff.ClickAsync("form.card button.primary");

        // Preview per segment, then launch and watch it complete.
        await Assertions.Expect(staff.GetByTestId("preview")).ToContainTextAsync("周玉兰");
        await staff.GetByTestId("launch").ClickAsync();
        // The live funnel fills as the emulator delivers. (The campaign turns Completed at the engine's next sweep,
        // which is minutes away by design; the funnel reaching "delivered" for everyone is what staff watch for.)
        await Assertions.Expect(staff.GetByTestId("campaign-status")).Not.ToHaveAttributeAsync("data-status", "Draft");
        await staff.EvaluateAsync("window.sameCampaignPage = true");
        await Assertions.Expect(staff.Locator("[data-stage=Delivered] [data-value]")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
        // The per-community table follows the same polls: both residents of 新河社区 reached, on the page as loaded.
        var row = staff.GetByTestId("report").Locator("tbody tr").Filter(new() { HasText = "新河社区" });
        await Assertions.Expect(row.Locator("td:nth-child(3)")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        Assert.True(await staff.EvaluateAsync<bool>("window.sameCampaignPage === true"), "the campaign page reloaded instead of updating");
        await ConsoleSession.ScreenshotAsync(staff, "campaign-progress");

        // The resident reads the notice on the emulator's phone page and asks something the agent cannot answer.
        var phone = await session.NewPageAsync("zh-CN");
        await phone.GotoAsync("/emulator/phone");
        await phone.FillAsync("#number", ResidentPhone);
        await phone.ClickAsync("#use");
        await Assertions.Expect(phone.Locator("#thread")).ToContainTextAsync("停水", new() { Timeout = 15_000 });
        const string question = "我家老人坐轮椅，停水时能不能请人帮忙送水上楼？";
        await phone.FillAsync("#smsText", question);
        await phone.PressAsync("#smsText", "Enter");

        // It lands in the inbox; staff answer by SMS and resolve.
        await Eventually.UntilAsync(
            async () =>
            {
                await staff.GotoAsync("/inbox");
                return await staff.GetByTestId("inbox-item").Filter(new() { HasText = question }).CountAsync() == 1;
            },
            TimeSpan.FromSeconds(30),
            "the question to reach the inbox");
        await ConsoleSession.ScreenshotAsync(staff, "inbox");
        var item = staff.GetByTestId("inbox-item").Filter(new() { HasText = question });
        const string answer = "可以，社区志愿者6日8:30送水上门。";
        await item.GetByTestId("inbox-reply").FillAsync(answer);
        await item.GetByTestId("reply-resolve").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("inbox-item").Filter(new() { HasText = question })).ToHaveCountAsync(0);

        // The resident's phone shows the answer; the record shows the question and the answer.
        await Assertions.Expect(phone.Locator("#thread")).ToContainTextAsync(answer, new() { Timeout = 15_000 });
        await ConsoleSession.ScreenshotAsync(phone, "emulator-phone");
        await staff.GotoAsync("/residents?q=周玉兰");
        await staff.GetByTestId("resident-table").GetByText("周玉兰").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("timeline")).ToContainTextAsync(question);
        await Assertions.Expect(staff.GetByTestId("timeline")).ToContainTextAsync(answer);
        await ConsoleSession.ScreenshotAsync(staff, "resident-record");
    }
}
