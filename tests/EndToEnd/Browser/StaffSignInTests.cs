using Microsoft.Playwright;

namespace Outreach.EndToEnd.Browser;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class StaffSignInTests(ConsoleSession session)
{
    [Fact]
    public async Task A_wrong_password_is_refused_on_the_login_page()
    {
        var page = await session.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=Email]", ConsoleSession.AdminEmail);
        await page.FillAsync("input[name=Password]", "not-the-password");
        await page.ClickAsync("form[method=post] button.primary");
        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await ConsoleSession.ScreenshotAsync(page, "login");
    }

    [Fact]
    public async Task A_street_admin_signs_in_sees_the_dashboard_and_switches_to_Chinese()
    {
        var page = await session.SignInAsync(ConsoleSession.AdminEmail);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(ConsoleSession.AdminEmail);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");

        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await session.SignInAsync(ConsoleSession.StaffEmail);
        await page.GotoAsync("/settings");
        await ConsoleSession.SubmitAsync(
            page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }), url => url.Contains("/login", StringComparison.Ordinal), "signing out");

        await page.GotoAsync("/residents");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_rejected()
    {
        var page = await session.SignInAsync(ConsoleSession.AdminEmail);
        // Same cookies as the signed-in page, but a form post without the hidden token, as a forged page would send.
        var response = await page.APIRequest.PostAsync("/admin/staff", new()
        {
            Form = page.APIRequest.CreateFormData().Set("Input.Email", "forged@outreach.test").Set("Input.Password", "Forged-pass-1").Set("Input.Role", "street_admin"),
        });
        Assert.Equal(400, response.Status);
    }
}
