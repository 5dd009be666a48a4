using System.Text.Json;
using Microsoft.Playwright;

namespace Outreach.EndToEnd.Browser;

/// <summary>The knowledge base editor: staff write and change documents, and the agent answers from them at once.</summary>
[Collection(ConsoleBrowserGroup.Name)]
public sealed class KnowledgeEditorTests(ConsoleSession session)
{
    private const string Question = "厨余垃圾桶几点可以投放？";

    [Fact]
    public async Task A_document_written_and_changed_in_the_editor_is_listed_and_answers_residents()
    {
        var page = await session.SignInAsync(ConsoleSession.AdminEmail, "zh-CN");
        await page.GotoAsync("/knowledge");
        await page.GetByTestId("new-document").ClickAsync();
        await page.GetByTestId("document-title").FillAsync("厨余垃圾投放时间");
        await page.GetByTestId("document-markdown").FillAsync("# 厨余垃圾投放时间\n\n厨余垃圾桶每天早上7点到9点开放投放。\n\n- 请沥干水分\n- 袋子投入其他垃圾桶");
        await Assertions.Expect(page.GetByTestId("document-preview").Locator("h1")).ToHaveTextAsync("厨余垃圾投放时间");
        await Assertions.Expect(page.GetByTestId("document-preview").Locator("li")).ToHaveCountAsync(2);
        await ConsoleSession.ScreenshotAsync(page, "knowledge-editor");
        await page.GetByTestId("save-document").ClickAsync();

        await Assertions.Expect(page.GetByTestId("knowledge-table")).ToContainTextAsync("厨余垃圾投放时间");
        Assert.Contains("7点到9点", await AnswerAsync(page), StringComparison.Ordinal);

        await page.GetByTestId("knowledge-table").GetByText("厨余垃圾投放时间").ClickAsync();
        await page.GetByTestId("document-markdown").FillAsync("# 厨余垃圾投放时间\n\n厨余垃圾桶每天早上8点到10点开放投放。");
        await page.GetByTestId("save-document").ClickAsync();

        await Assertions.Expect(page.GetByTestId("knowledge-table")).ToContainTextAsync("厨余垃圾投放时间");
        Assert.Contains("8点到10点", await AnswerAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Community_staff_write_for_their_community_and_only_read_street_wide_documents()
    {
        var page = await session.SignInAsync(ConsoleSession.StaffEmail);
        await page.GotoAsync("/knowledge/edit");
        await page.GetByTestId("document-title").FillAsync("Community room bookings");
        await page.GetByTestId("document-markdown").FillAsync("# Community room bookings\n\nBook the community room at the front desk, weekdays 9:00-17:00.");
        await page.GetByTestId("save-document").ClickAsync();
        var row = page.GetByTestId("knowledge-table").Locator("tr").Filter(new() { HasText = "Community room bookings" });
        await Assertions.Expect(row).ToContainTextAsync("新河社区");

        // A street-wide document (the demo's) opens read-only: no save, no delete.
        await page.GetByTestId("knowledge-table").Locator("tr").Filter(new() { HasText = "Whole street" }).First.Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("document-read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("save-document")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_auditor_reads_the_knowledge_base_but_cannot_write()
    {
        var page = await session.SignInAsync(ConsoleSession.AuditorEmail);
        await page.GotoAsync("/knowledge");
        await Assertions.Expect(page.GetByTestId("knowledge-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-document")).ToHaveCountAsync(0);
    }

    /// <summary>What the agent's knowledge search finds for the question, asked with the page's own cookie.</summary>
    private static async Task<string> AnswerAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/knowledge/search?q=" + Uri.EscapeDataString(Question));
        Assert.Equal(200, response.Status);
        using var body = JsonDocument.Parse(await response.TextAsync());
        Assert.True(body.RootElement.GetProperty("answered").GetBoolean(), "the agent found no answer for " + Question);
        return body.RootElement.GetProperty("passage").GetString()!;
    }
}
