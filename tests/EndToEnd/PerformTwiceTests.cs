using Hangfire;
using Outreach.Testing;

namespace Outreach.EndToEnd;

/// <summary>
/// Issue 4, measured: with a Hangfire filter that performs every job twice (a concurrent twin of each job created,
/// and each job run once more after it succeeds), the real server still sends each resident's SMS exactly once, as
/// counted by the Twilio emulator.
/// </summary>
public sealed class PerformTwiceTests
{
    private const int Residents = 2_000;

    [Fact]
    public async Task Every_job_performed_twice_sends_each_resident_one_sms()
    {
        var filter = new PerformTwiceFilter();
        GlobalJobFilters.Filters.Add(filter);
        try
        {
            await using var host = new OutreachHost();
            await host.InitializeAsync();
            using var api = host.CreateAdminClient();
            var scenario = new SmsCampaignScenario(api, "perform-twice", Residents);
            await scenario.ImportAsync();

            var id = await scenario.LaunchAsync();
            await Eventually.UntilAsync(() => scenario.StatusAsync(id), s => s == "Completed", TimeSpan.FromMinutes(4), $"campaign {id} to complete");

            ContactAssert.EachExactlyOnce(await SmsCampaignScenario.ReceivedAsync(api, scenario.Phones));
            var counts = (await scenario.GetJsonAsync($"/api/campaigns/{id}")).GetProperty("counts");
            Assert.Equal(Residents, counts.GetProperty("delivered").GetInt32());
        }
        finally
        {
            GlobalJobFilters.Filters.Remove(filter);
        }
    }
}
