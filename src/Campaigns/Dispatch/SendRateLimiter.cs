namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Paces sends so that no window of one second ever holds more than the configured number: a send may start only one
/// second (plus a small margin for timer jitter) after the send <c>rate</c> places earlier actually started. Senders
/// wait their turn one at a time and the times kept are the real ones after the wait, so a stall of the process
/// (a GC pause, a busy machine) delays sends but never lets the ones held up go out in a burst.
/// A fractional rate is rounded down to whole sends per second; below one, one send per 1/rate seconds.
/// </summary>
public sealed class SendRateLimiter : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1.02);
    private readonly TimeSpan window;
    private readonly long[] started;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim turn = new(1, 1);
    private int next;
    private long pausedUntil;

    public SendRateLimiter(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        this.time = time;
        PerSecond = perSecond;
        window = perSecond >= 1 ? Second : Second / perSecond;
        started = new long[Math.Max(1, (int)Math.Floor(perSecond))];
        Array.Fill(started, long.MinValue / 2);
    }

    public double PerSecond { get; }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = time.GetTimestamp();
                var earliest = Math.Max(Volatile.Read(ref pausedUntil), started[next] + ToTicks(window));
                if (now >= earliest)
                {
                    started[next] = now;
                    next = (next + 1) % started.Length;
                    return;
                }

                await Task.Delay(time.GetElapsedTime(now, earliest), time, cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Twilio answered 429: hold every send until <paramref name="retryAfter"/> has passed.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        var until = time.GetTimestamp() + ToTicks(retryAfter);
        long current;
        while ((current = Volatile.Read(ref pausedUntil)) < until && Interlocked.CompareExchange(ref pausedUntil, until, current) != current)
        {
            // Another pause raced this one; try again against its value.
        }
    }

    public void Dispose() => turn.Dispose();

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
