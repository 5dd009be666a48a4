using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Campaigns.Schedules;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Schedules;

public sealed class RecurringRunsTests
{
    [Fact]
    public async Task Each_cron_occurrence_is_one_run_with_its_own_snapshot_however_often_it_is_enqueued()
    {
        var time = new FakeTimeProvider(At("2026-11-30T08:00:00+08:00"));
        await using var host = await CampaignTestHost.StartAsync(time: time);
        await host.SeedResidentsAsync(10);
        host.AnswerWith("delivered");
        var id = await CreateAndLaunchAsync(host, new { cron = "0 9 * * *" });

        time.SetUtcNow(At("2026-11-30T09:00:20+08:00"));
        // The same occurrence enqueued twice, even at once, starts one run.
        await Task.WhenAll(StartDueAsync(host, id), StartDueAsync(host, id));
        await StartDueAsync(host, id);

        var runs = await RunsAsync(host, id);
        var run = Assert.Single(runs);
        Assert.Equal(At("2026-11-30T09:00:00+08:00"), run.GetProperty("schedule").GetProperty("occurrenceAt").GetDateTimeOffset());
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count), n => n == 10, what: "the first run's sends");

        // A resident joining the archive is in the next occurrence's snapshot.
        await AddResidentAsync(host, "+8613899999999", null);
        time.SetUtcNow(At("2026-12-01T09:00:05+08:00"));
        await StartDueAsync(host, id);

        Assert.Equal(2, (await RunsAsync(host, id)).Count);
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count), n => n == 21, what: "the second run's sends");
        Assert.All(host.Sms.Sent.GroupBy(s => s.To), g => Assert.Equal(g.Key == "+8613899999999" ? 1 : 2, g.Count()));
    }

    [Fact]
    public async Task Residents_are_contacted_once_per_value_of_their_date_at_the_local_time_and_a_moved_date_counts_anew()
    {
        var time = new FakeTimeProvider(At("2026-12-01T09:00:00+08:00"));
        await using var host = await CampaignTestHost.StartAsync(time: time);
        string?[] due = ["2026-12-04", "2026-12-04", "2026-12-05", "2026-12-02", null, null];
        var residents = await host.SeedResidentsAsync(due.Length, (i, r) =>
        {
            if (due[i] is { } date)
            {
                r.Dates.Add(new ResidentDate { Name = "checkup_due", Value = DateOnly.Parse(date, CultureInfo.InvariantCulture) });
            }
        });
        host.AnswerWith("delivered");
        var id = await CreateAndLaunchAsync(host, new { relative = new { field = "checkup_due", daysBefore = 3, at = "10:00" } });

        // 09:58: nothing is due yet.
        time.SetUtcNow(At("2026-12-01T09:58:00+08:00"));
        await StartDueAsync(host, id);
        Assert.Empty(await RunsAsync(host, id));

        time.SetUtcNow(At("2026-12-01T10:00:05+08:00"));
        await StartDueAsync(host, id);
        await StartDueAsync(host, id);
        var first = Assert.Single(await RunsAsync(host, id)).GetProperty("id").GetInt32();
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Targets.CountAsync(t => t.CampaignId == first)), n => n == 2, what: "the run's snapshot");
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count), n => n == 2, what: "sends for 2026-12-04");
        Assert.Equal([residents[0].Phone, residents[1].Phone], host.Sms.Sent.Select(s => s.To).Order());

        // Resident 0's checkup moves to 2026-12-05: they are due again, for the new date, with resident 2.
        await MoveDateAsync(host, residents[0].Id, new DateOnly(2026, 12, 5));
        time.SetUtcNow(At("2026-12-02T10:00:05+08:00"));
        await StartDueAsync(host, id);

        Assert.Equal(2, (await RunsAsync(host, id)).Count);
        await Eventually.UntilAsync(() => Task.FromResult(host.Sms.Sent.Count), n => n == 4, what: "sends for 2026-12-05");
        var phones = host.Sms.Sent.Select(s => s.To).ToList();
        Assert.Equal(2, phones.Count(p => p == residents[0].Phone));
        Assert.Contains(residents[2].Phone, phones);
        // Resident 3's contact time (2026-11-29 10:00) had passed before the campaign began: not sent retroactively.
        Assert.DoesNotContain(residents[3].Phone, phones);
    }

    [Fact]
    public async Task A_cancelled_recurring_campaign_loses_its_recurring_job()
    {
        await using var host = await CampaignTestHost.StartAsync();
        await host.SeedResidentsAsync(2);
        var id = await CreateAndLaunchAsync(host, new { cron = "0 9 * * 1" });

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync($"/api/campaigns/{id}/cancel", null)).StatusCode);

        Assert.DoesNotContain(RecurringJobIds(host), j => j == $"campaign-{id}");
    }

    private static async Task<int> CreateAndLaunchAsync(CampaignTestHost host, object schedule)
    {
        var created = await host.Http.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Checkup reminder",
            notice = new { title = "体检提醒", body = "请按时体检。" },
            audience = "",
            channel = "sms",
            schedule,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"/api/campaigns/{id}/launch", null)).StatusCode);
        await Eventually.UntilAsync(() => Task.FromResult(RecurringJobIds(host).Contains($"campaign-{id}")), what: "the recurring job");
        return id;
    }

    private static List<string> RecurringJobIds(CampaignTestHost host)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return [.. connection.GetRecurringJobs().Select(j => j.Id)];
    }

    private static Task<bool> StartDueAsync(CampaignTestHost host, int id)
        => host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RecurringRuns>().StartDueAsync(id, CancellationToken.None);
            return true;
        });

    private static async Task<List<JsonElement>> RunsAsync(CampaignTestHost host, int id)
        => [.. (await host.Http.GetFromJsonAsync<JsonElement>($"/api/campaigns?runOf={id}")).EnumerateArray()];

    private static Task<int> AddResidentAsync(CampaignTestHost host, string phone, DateOnly? checkupDue)
        => host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ResidentsDbContext>();
            var resident = new Resident { Name = "新居民", Phone = phone, CommunityId = await db.Communities.Select(c => c.Id).FirstAsync() };
            if (checkupDue is { } date)
            {
                resident.Dates.Add(new ResidentDate { Name = "checkup_due", Value = date });
            }

            db.Residents.Add(resident);
            return await db.SaveChangesAsync();
        });

    private static Task<int> MoveDateAsync(CampaignTestHost host, int residentId, DateOnly value)
        => host.InScopeAsync(sp => sp.GetRequiredService<ResidentsDbContext>().Set<ResidentDate>()
            .Where(d => d.ResidentId == residentId && d.Name == "checkup_due")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Value, value)));

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
