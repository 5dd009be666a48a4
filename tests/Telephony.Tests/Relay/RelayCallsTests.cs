using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Outreach.Telephony.Relay;
using Outreach.Telephony.Storage;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Tests.Relay;

public sealed class RelayCallsTests
{
    [Fact]
    public async Task A_repeated_answer_replaces_the_call_and_calls_left_over_two_hours_are_pruned()
    {
        await using var host = await TelephonyTestHost.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var calls = new RelayCalls(host.Get<IDbContextFactory<TelephonyDbContext>>(), time);
        var stale = new CallInput("CA" + new string('1', 32), "+8657188880000", "+8613800000001", "attempt-1", null, null, null, time.GetUtcNow() - TimeSpan.FromHours(3));
        var live = new CallInput("CA" + new string('2', 32), "+8657188880000", "+8613800000002", "attempt-2", null, null, null, time.GetUtcNow());
        await calls.RegisterAsync(stale, CancellationToken.None);
        await calls.RegisterAsync(live with { Reference = "attempt-0" }, CancellationToken.None);
        // Twilio's retry of the answer webhook: the latest description wins.
        await calls.RegisterAsync(live, CancellationToken.None);

        Assert.Equal(1, await calls.PruneAsync(CancellationToken.None));

        Assert.Null(await calls.FindAsync(stale.CallSid, CancellationToken.None));
        Assert.Equal(live, await calls.FindAsync(live.CallSid, CancellationToken.None));
        await calls.ForgetAsync(live.CallSid, CancellationToken.None);
        Assert.Null(await calls.FindAsync(live.CallSid, CancellationToken.None));
    }
}
