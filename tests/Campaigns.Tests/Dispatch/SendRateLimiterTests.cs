using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Outreach.Campaigns.Dispatch;

namespace Outreach.Campaigns.Tests.Dispatch;

public sealed class SendRateLimiterTests
{
    [Fact]
    public async Task No_one_second_window_at_the_receiver_holds_more_than_the_rate()
    {
        using var limiter = new SendRateLimiter(50, TimeProvider.System);
        var random = new Random(7);
        var received = new List<long>();
        await Parallel.ForAsync(0, 160, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, token) =>
        {
            int before, after;
            lock (random)
            {
                (before, after) = (random.Next(0, 40), random.Next(0, 40));
            }

            // A request spends an unknown time on the way, is stamped by the receiver, then its response takes time too.
            using (await limiter.WaitAsync(token))
            {
                await Task.Delay(before, token);
                lock (received)
                {
                    received.Add(Stopwatch.GetTimestamp());
                }

                await Task.Delay(after, token);
            }
        });

        received.Sort();
        Assert.Equal(160, received.Count);
        for (var i = 0; i + 50 < received.Count; i++)
        {
            Assert.True(Stopwatch.GetElapsedTime(received[i], received[i + 50]) >= TimeSpan.FromSeconds(1), $"requests {i} and {i + 50} arrived less than a second apart");
        }
    }

    [Fact]
    public async Task A_send_still_on_its_way_holds_its_place()
    {
        var time = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(1, time);

        var first = await limiter.WaitAsync(CancellationToken.None);
        var second = limiter.WaitAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(second.IsCompleted);

        // The first response is back: the next send may start a second later, not before. The waiter wakes on another
        // thread, so the clock moves in small steps with a pause between them (moved at once, it could pass before the
        // waiter has set its timer, and that timer would then count from the moved clock).
        first.Dispose();
        var step = TimeSpan.FromMilliseconds(10);
        var waited = TimeSpan.Zero;
        while (!second.IsCompleted && waited < TimeSpan.FromSeconds(3))
        {
            time.Advance(step);
            waited += step;
            await Task.Delay(1);
        }

        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task A_rate_below_one_spaces_sends_by_its_inverse()
    {
        var time = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0.5, time);

        (await limiter.WaitAsync(CancellationToken.None)).Dispose();
        var second = limiter.WaitAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));

        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }
}
