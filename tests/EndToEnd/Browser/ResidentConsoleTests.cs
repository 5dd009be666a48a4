using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Residents.Storage;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.EndToEnd.Browser;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class ResidentConsoleTests(ConsoleSession session)
{
    [Fact]
    public async Task A_street_admin_imports_a_CSV_watches_the_progress_and_downloads_the_rejected_rows()
    {
        var page = await session.SignInAsync(ConsoleSession.AdminEmail);
        await page.GotoAsync("/residents/import");
        var csv = "姓名,电话,社区,楼栋,语言,标签\n"
            + "欧阳澜清,13912340001,新河社区,3,zh-CN,elderly\n"
            + "Tom Baker,+8613912340002,湖滨社区,7,en,\n"
            + "没有电话,,新河社区,3,zh-CN,\n"
            + "李坏号,12345,新河社区,3,zh-CN,\n";
        await page.SetInputFilesAsync("[data-testid=import-file]", new FilePayload
        {
            Name = "archive.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.ClickAsync("form[enctype] button.primary");

        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-rejected")).ToHaveTextAsync("2");
        await ConsoleSession.ScreenshotAsync(page, "resident-import");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-rejected").ClickAsync());
        var rejected = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("没有电话", rejected, StringComparison.Ordinal);
        Assert.Contains("李坏号", rejected, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳澜清", rejected, StringComparison.Ordinal);

        await page.GotoAsync("/residents?q=欧阳澜清");
        await page.GetByTestId("resident-table").GetByText("欧阳澜清").ClickAsync();
        await Assertions.Expect(page.GetByTestId("resident-name")).ToHaveTextAsync("欧阳澜清");
    }

    [Fact]
    public async Task Residents_are_searchable_and_a_record_shows_its_timeline()
    {
        var page = await session.SignInAsync(ConsoleSession.AdminEmail, "zh-CN");
        await page.GotoAsync("/residents");
        await Assertions.Expect(page.GetByTestId("resident-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await ConsoleSession.ScreenshotAsync(page, "residents");
        await page.GetByTestId("resident-table").Locator("tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("timeline")).ToBeAttachedAsync();
        await ConsoleSession.ScreenshotAsync(page, "resident-record");
    }

    [Fact]
    public async Task Community_staff_cannot_open_a_resident_of_another_community_by_any_URL()
    {
        var (own, other) = await session.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ResidentsDbContext>();
            var mine = await db.Residents.Where(r => r.CommunityId == session.StaffCommunity).Select(r => r.Id).FirstAsync();
            var theirs = await db.Residents.Where(r => r.CommunityId != session.StaffCommunity).Select(r => r.Id).FirstAsync();
            return (mine, theirs);
        });

        var page = await session.SignInAsync(ConsoleSession.StaffEmail);
        Assert.Equal(200, (await page.GotoAsync($"/residents/{own}"))!.Status);
        Assert.Equal(404, (await page.GotoAsync($"/residents/{other}"))!.Status);

        await page.GotoAsync("/residents");
        var table = await page.GetByTestId("resident-table").InnerHTMLAsync();
        Assert.DoesNotContain($"/residents/{other}\"", table, StringComparison.Ordinal);

        // The API applies the same scope to the same cookie.
        var api = await page.APIRequest.GetAsync($"/api/residents/{other}");
        Assert.True(api.Status is 404 or 403, $"GET /api/residents/{other} answered {api.Status}");
    }

    [Fact]
    public async Task A_note_added_on_the_record_page_appears_on_its_timeline()
    {
        var own = await session.WithScopeAsync(services => services.GetRequiredService<ResidentsDbContext>().Residents
            .Where(r => r.CommunityId == session.StaffCommunity).Select(r => r.Id).FirstAsync());
        var page = await session.SignInAsync(ConsoleSession.StaffEmail, "zh-CN");
        await page.GotoAsync($"/residents/{own}");

        const string note = "已电话联系家属，下周二上门核实独居情况。";
        await page.GetByTestId("note-text").FillAsync(note);
        await page.GetByTestId("add-note").ClickAsync();

        var entry = page.GetByTestId("timeline").Locator("li").Filter(new() { HasText = note });
        await Assertions.Expect(entry).ToContainTextAsync(ConsoleSession.StaffEmail);
        await Assertions.Expect(entry.Locator(".kind")).ToHaveTextAsync(new ConsoleText().Get("Kind.StaffNote", "zh-CN"));
    }

    [Fact]
    public async Task Community_staff_cannot_import_residents_into_another_community()
    {
        var page = await session.SignInAsync(ConsoleSession.StaffEmail);
        await page.GotoAsync("/residents/import");
        var csv = "姓名,电话,社区\n"
            + "本社区新人,13912350001,\n"
            + "别社区新人,13912350002,湖滨社区\n";
        await page.SetInputFilesAsync("[data-testid=import-file]", new FilePayload { Name = "mine.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("form[enctype] button.primary");

        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-rejected")).ToHaveTextAsync("1");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-rejected").ClickAsync());
        Assert.Contains("community 湖滨社区 is not yours", await File.ReadAllTextAsync((await download.PathAsync())!), StringComparison.Ordinal);

        var imported = await session.WithScopeAsync(services => services.GetRequiredService<ResidentsDbContext>().Residents
            .Where(r => r.Phone == "+8613912350001" || r.Phone == "+8613912350002").Select(r => new { r.Name, r.CommunityId }).ToListAsync());
        Assert.Equal([("本社区新人", session.StaffCommunity)], imported.Select(r => (r.Name, r.CommunityId)));
    }
}
