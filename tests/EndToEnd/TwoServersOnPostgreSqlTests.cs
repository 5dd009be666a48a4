using Outreach.Testing;
using Xunit.Abstractions;

namespace Outreach.EndToEnd;

/// <summary>
/// Issue 4, measured: two server processes on one PostgreSQL database (EF Core and Hangfire) share a 4,000-resident
/// SMS campaign; one of them is killed with SIGKILL half-way and restarted. Every resident gets exactly one SMS, as
/// counted by the Twilio emulator (in this test process).
/// </summary>
public sealed class TwoServersOnPostgreSqlTests(ITestOutputHelper output)
{
    private const int Residents = 4_000;

    [Fact]
    public async Task Two_servers_sharing_a_campaign_contact_every_resident_exactly_once()
    {
        await using var emulator = new OutreachHost();
        await emulator.InitializeAsync();
        using var emulatorClient = emulator.CreateAnonymousClient();
        var database = await PostgresCluster.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Twilio:ApiBaseUrl"] = $"{emulator.BaseUrl}/emulator",
            ["Jobs:WorkerCount"] = "8",
            ["Campaigns:SweepSeconds"] = "2",
            ["Campaigns:StuckAttemptMinutes"] = "1",
        };
        await using var first = new ServerProcess(Path.Combine(emulator.DataFolder, "first"), settings);
        // The first server creates the schemas and seeds the street; the second joins an existing database.
        await first.StartAsync();
        await using var second = new ServerProcess(Path.Combine(emulator.DataFolder, "second"), settings);
        await second.StartAsync();
        using var api = first.CreateAdminClient();
        var scenario = new SmsCampaignScenario(api, "two-servers", Residents);
        await scenario.ImportAsync();

        var id = await scenario.LaunchAsync();
        await Eventually.UntilAsync(() => SmsCampaignScenario.PhonesReachedAsync(emulatorClient), n => n >= Residents / 2, TimeSpan.FromMinutes(4), "half the residents reached");
        second.Kill();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} killed the second server");
        await second.StartAsync();
        await Eventually.UntilAsync(() => scenario.StatusAsync(id), s => s == "Completed", TimeSpan.FromMinutes(5), $"campaign {id} to complete\n{first.RecentOutput}\n{second.RecentOutput}");

        ContactAssert.EachExactlyOnce(await SmsCampaignScenario.ReceivedAsync(emulatorClient, scenario.Phones));
        var counts = (await scenario.GetJsonAsync($"/api/campaigns/{id}")).GetProperty("counts");
        Assert.Equal(Residents, counts.GetProperty("delivered").GetInt32());
    }
}
