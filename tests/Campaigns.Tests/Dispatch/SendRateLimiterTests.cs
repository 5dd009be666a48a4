using System.Diagnostics;
using Outreach.Campaigns.Dispatch;

namespace Outreach.Campaigns.Tests.Dispatch;

public sealed class SendRateLimiterTests
{
    [Fact]
    public async Task No_one_second_window_holds_more_than_the_rate()
    {
        using var limiter = new SendRateLimiter(50, TimeProvider.System);
        var stamps = new List<long>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, 160, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, token) =>
        {
            await limiter.WaitAsync(token);
            lock (stamps)
            {
                stamps.Add(Stopwatch.GetTimestamp());
            }
        });

        stamps.Sort();
        for (var i = 0; i + 50 < stamps.Count; i++)
        {
            Assert.True(Stopwatch.GetElapsedTime(stamps[i], stamps[i + 50]) >= TimeSpan.FromSeconds(1), $"sends {i} and {i + 50} less than a second apart");
        }

        // 160 sends at 50/s: the first 50 at once, then three more windows.
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.InRange(elapsed.TotalSeconds, 3.0, 4.5);
    }

    [Fact]
    public async Task A_rate_below_one_spaces_sends_by_its_inverse()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var limiter = new SendRateLimiter(0.5, time);

        await limiter.WaitAsync(CancellationToken.None);
        var second = limiter.WaitAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));

        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
