using System.Text.Json;
using Microsoft.Playwright;

namespace Outreach.EndToEnd.Browser;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class AccountRolesTests(ConsoleSession session)
{
    [Fact]
    public async Task A_street_admin_issues_a_scoped_API_key_that_authenticates_with_its_role()
    {
        var page = await session.SignInAsync(ConsoleSession.AdminEmail);
        await page.GotoAsync("/admin/keys");
        await page.FillAsync("input[name=name]", "crm-sync");
        await page.SelectOptionAsync("select[name=role]", "auditor");
        await page.FillAsync("input[name=communities]", "1");
        await page.ClickAsync("form[action*=Issue] button.primary");
        var key = await page.GetByTestId("issued-key").TextContentAsync();
        Assert.StartsWith("ok_", key, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("key-table")).ToContainTextAsync("crm-sync");
        await ConsoleSession.ScreenshotAsync(page, "api-keys");

        using var client = session.Host.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        // An auditor key reads but cannot write, and cannot manage keys.
        using var write = await client.PostAsync(new Uri("/api/keys", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task The_street_admin_API_key_issues_keys_over_the_API()
    {
        using var client = session.Host.CreateAdminClient();
        using var response = await client.PostAsync(
            new Uri("/api/keys", UriKind.Relative),
            new StringContent("""{"name":"reporting","role":"community_staff","communityIds":[2]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("ok_", body.RootElement.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Equal("community_staff", body.RootElement.GetProperty("record").GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_auditor_cannot_change_anything_and_cannot_open_administration()
    {
        var page = await session.SignInAsync(ConsoleSession.AuditorEmail);
        var response = await page.GotoAsync("/admin/staff");
        Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);

        var post = await page.APIRequest.PostAsync("/api/keys", new() { DataObject = new { name = "x", role = "auditor", communityIds = new[] { 1 } } });
        Assert.Equal(403, post.Status);
    }

    [Fact]
    public async Task Community_staff_cannot_open_administration_or_the_jobs_dashboard()
    {
        var page = await session.SignInAsync(ConsoleSession.StaffEmail);
        await page.GotoAsync("/admin/audit");
        Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
        var jobs = await page.APIRequest.GetAsync("/jobs");
        Assert.Equal(403, jobs.Status);
    }

    [Fact]
    public async Task The_audit_log_shows_who_signed_in()
    {
        await session.SignInAsync(ConsoleSession.StaffEmail);
        var page = await session.SignInAsync(ConsoleSession.AdminEmail);
        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync(ConsoleSession.StaffEmail);
        await ConsoleSession.ScreenshotAsync(page, "audit-log");
    }
}
