using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Residents.Storage;

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
            + "王秀英,13912340001,新河社区,3,zh-CN,elderly\n"
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
        Assert.DoesNotContain("王秀英", rejected, StringComparison.Ordinal);

        await page.GotoAsync("/residents?q=王秀英");
        await page.GetByTestId("resident-table").GetByText("王秀英").ClickAsync();
        await Assertions.Expect(page.GetByTestId("resident-name")).ToHaveTextAsync("王秀英");
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
}
