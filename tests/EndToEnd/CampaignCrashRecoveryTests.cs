using Outreach.Testing;
using Xunit.Abstractions;

namespace Outreach.EndToEnd;

/// <summary>
/// Issue 4, measured: a 10,000-resident SMS campaign on the built server process, killed with SIGKILL at seeded random
/// points and restarted on the same data each time, still contacts every resident exactly once. What counts is what
/// the Twilio emulator received (it lives in this test process, so it outlives every kill), not what the database says.
/// </summary>
public sealed class CampaignCrashRecoveryTests(ITestOutputHelper output)
{
    private const int Residents = 10_000;

    [Fact]
    public async Task Campaign_killed_at_random_points_contacts_every_resident_exactly_once()
    {
        await using var emulator = new OutreachHost();
        await emulator.InitializeAsync();
        using var emulatorClient = emulator.CreateAnonymousClient();
        var folder = Path.Combine(emulator.DataFolder, "server");
        await using var server = new ServerProcess(folder, new Dictionary<string, string?>
        {
            ["Twilio:ApiBaseUrl"] = $"{emulator.BaseUrl}/emulator",
            ["Campaigns:SweepSeconds"] = "2",
            ["Campaigns:UnknownAttemptSeconds"] = "20",
            ["Campaigns:StuckAttemptMinutes"] = "1",
            ["Logging:LogLevel:Outreach.Campaigns.Dispatch"] = "Information",
        });
        await server.StartAsync();
        using var api = server.CreateAdminClient();
        var scenario = new SmsCampaignScenario(api, "kill-test", Residents);
        await scenario.ImportAsync();

        var random = new Random(20261129);
        var killAt = Enumerable.Range(0, 3).Select(_ => random.Next(500, Residents - 500)).Order().ToList();
        var id = await scenario.LaunchAsync();

        // The first kill lands while the audience snapshot is being taken or the first chunks are going out.
        await Task.Delay(random.Next(50, 400));
        await KillAndRestartAsync(server, "during launch");
        foreach (var reached in killAt)
        {
            await Eventually.UntilAsync(() => SmsCampaignScenario.PhonesReachedAsync(emulatorClient), n => n >= reached, TimeSpan.FromMinutes(3), $"{reached} residents reached");
            await KillAndRestartAsync(server, $"after {reached} residents reached");
        }

        await Eventually.UntilAsync(() => scenario.StatusAsync(id), s => s == "Completed", TimeSpan.FromMinutes(5), $"campaign {id} to complete\n{server.RecentOutput}");

        var received = await SmsCampaignScenario.ReceivedAsync(emulatorClient, scenario.Phones);
        ContactAssert.EachExactlyOnce(received);
        var counts = (await scenario.GetJsonAsync($"/api/campaigns/{id}")).GetProperty("counts");
        Assert.Equal(Residents, counts.GetProperty("targeted").GetInt32());
        Assert.Equal(Residents, counts.GetProperty("delivered").GetInt32());
        output.WriteLine($"{server.Starts} starts; recovery: {server.CountOutput("had no SID")} attempt(s) found at Twilio by listing, {server.CountOutput("never reached Twilio")} resent after the lookup");
    }

    private async Task KillAndRestartAsync(ServerProcess server, string when)
    {
        server.Kill();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} killed {when}");
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} killed {when}");
        await server.StartAsync();
    }
}
