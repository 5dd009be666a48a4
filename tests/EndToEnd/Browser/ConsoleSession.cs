using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Server.Accounts;
using Outreach.Server.Security;
using Outreach.Testing;

namespace Outreach.EndToEnd.Browser;

/// <summary>
/// The real server plus Debian's Chromium driven by Playwright (no browser download: Playwright is given the
/// system executable). Seeds a street admin, a community-staff user of community 1 and an auditor.
/// </summary>
public sealed class ConsoleSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "Console-test-1";
    public const string AdminEmail = "street.admin@outreach.test";
    public const string StaffEmail = "community.staff@outreach.test";
    public const string AuditorEmail = "auditor@outreach.test";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public OutreachHost Host { get; } = new();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>The community the community-staff user and the auditor work for.</summary>
    public int StaffCommunity { get; } = 1;

    public async Task InitializeAsync()
    {
        using var client = Host.CreateAnonymousClient();
        await Eventually.UntilAsync(
            async () => (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            "/health to answer 200");
        await EnsureTwoCommunitiesAsync();
        await CreateUserAsync(AdminEmail, StaffRoles.StreetAdmin, []);
        await CreateUserAsync(StaffEmail, StaffRoles.CommunityStaff, [StaffCommunity]);
        await CreateUserAsync(AuditorEmail, StaffRoles.Auditor, [StaffCommunity]);

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install -y chromium).");
        }

        // Warm the console (page compilation, first password hash) before any browser timer starts.
        Assertions.SetDefaultExpectTimeout(30_000);
        (await client.GetAsync(new Uri("/login", UriKind.Relative))).EnsureSuccessStatusCode();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) in English or Chinese.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1200, Height = 800 },
        });
        // Generous: CI runs the other test assemblies beside this one on two cores, and a cold server compiles
        // its pages and hashes the first password on the first request.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a page signed in as the given user.</summary>
    public async Task<IPage> SignInAsync(string email, string locale = "en-US")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", Password);
        await SubmitAsync(page, page.Locator("form[method=post] button.primary"), url => !url.Contains("/login", StringComparison.Ordinal), $"{email} signing in");
        return page;
    }

    /// <summary>
    /// Clicks a form's submit button and waits for the page to reach a URL. Twice in full runs on a loaded machine a
    /// click on a submit button was followed by no navigation at all (Playwright's log showed only "NetworkIdle"), so
    /// a click that leads nowhere within 20 s is logged and made once more; the second must get there.
    /// </summary>
    public static async Task SubmitAsync(IPage page, ILocator button, Func<string, bool> reached, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(button);
        var options = new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 20_000 };
        await button.ClickAsync();
        try
        {
            await page.WaitForURLAsync(reached, options);
            return;
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"{what}: the click led nowhere in 20 s ({await WhatThePageSaysAsync(page)}); clicking again");
        }

        if (reached(page.Url))
        {
            return;
        }

        await button.ClickAsync();
        try
        {
            await page.WaitForURLAsync(reached, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{what}: {await WhatThePageSaysAsync(page)}", ex);
        }
    }

    /// <summary>Where the page is and what it says, for a test that waited in vain for it to move on.</summary>
    public static async Task<string> WhatThePageSaysAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var text = await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 });
        return $"still at {page.Url}, showing \"{(text.Length > 500 ? text[..500] : text).ReplaceLineEndings(" ")}\"";
    }

    /// <summary>
    /// Saves a small PNG of the page under docs/screenshots/ for the README, when OUTREACH_SCREENSHOTS=1
    /// (so an ordinary test run leaves the work tree clean).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("OUTREACH_SCREENSHOTS") != "1")
        {
            return;
        }

        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    /// <summary>Runs a query against the server's own services (system scope: every community).</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        await using var scope = Host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>The demo street when the host seeded it; otherwise a small street with the demo's two community names.</summary>
    private async Task EnsureTwoCommunitiesAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResidentsDbContext>();
        if (await db.Communities.AnyAsync())
        {
            return;
        }

        var street = new Street { Name = "迎丰街道" };
        street.Communities.Add(new Community { Name = "新河社区" });
        street.Communities.Add(new Community { Name = "湖滨社区" });
        db.Streets.Add(street);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        string[] names = ["张桂兰", "Emily Chen", "刘建国", "李明", "Oliver Wu", "陈淑珍"];
        for (var i = 0; i < names.Length; i++)
        {
            db.Residents.Add(new Resident
            {
                Name = names[i],
                Phone = $"+861390000{i:D4}",
                Language = names[i].Any(char.IsAsciiLetter) ? "en" : "zh-CN",
                CommunityId = street.Communities[i % 2].Id,
                Building = $"{i + 1}",
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync();
    }

    private async Task CreateUserAsync(string email, string role, List<int> communities)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CommunityIds = communities };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Outreach.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Outreach.slnx not found above the test folder.");
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleBrowserGroup : ICollectionFixture<ConsoleSession>
{
    public const string Name = "Staff console in Chromium";
}
