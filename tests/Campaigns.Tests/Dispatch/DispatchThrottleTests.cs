using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Campaigns.Dispatch;
using Outreach.Residents.Archive;
using Outreach.Testing;

namespace Outreach.Campaigns.Tests.Dispatch;

public sealed class DispatchThrottleTests
{
    [Fact]
    public async Task The_configured_rates_are_split_among_the_live_servers()
    {
        await using var host = await CampaignTestHost.StartAsync(new()
        {
            ["Campaigns:MessagesPerSecond"] = "40",
            ["Campaigns:CallsPerSecond"] = "3",
            ["Campaigns:ServerCountSeconds"] = "1",
        });
        var throttle = host.Services.GetRequiredService<DispatchThrottle>();
        await Eventually.UntilAsync(() => Task.FromResult(throttle.ShareOf(ContactChannel.Sms)), share => share == 40, what: "one server's share");

        // A second server process joins (its own server name; a queue that takes no campaign work).
        var storage = host.Services.GetRequiredService<JobStorage>();
        using (new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "second-machine", WorkerCount = 1, Queues = ["elsewhere"] }, storage))
        {
            await Eventually.UntilAsync(() => Task.FromResult(throttle.ShareOf(ContactChannel.Sms)), share => share == 20, what: "half the rate each");
            Assert.Equal(1.5, throttle.ShareOf(ContactChannel.Voice));
            Assert.Equal(1.5, throttle.SlowestRate);
        }

        await Eventually.UntilAsync(() => Task.FromResult(throttle.ShareOf(ContactChannel.Sms)), share => share == 40, what: "the whole rate again");
    }
}
