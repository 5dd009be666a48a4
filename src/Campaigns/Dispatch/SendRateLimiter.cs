namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Paces sends so that no window of one second ever holds more than the configured number: each send reserves
/// a slot at least one second (plus a small margin for timer jitter) after the send <c>rate</c> places earlier.
/// A fractional rate is rounded down to whole sends per second; below one, one send per 1/rate seconds.
/// </summary>
public sealed class SendRateLimiter
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1.02);
    private readonly TimeSpan window;
    private readonly long[] slots;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private int next;
    private long pausedUntil;

    public SendRateLimiter(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        this.time = time;
        PerSecond = perSecond;
        window = perSecond >= 1 ? Second : Second / perSecond;
        slots = new long[Math.Max(1, (int)Math.Floor(perSecond))];
        Array.Fill(slots, long.MinValue / 2);
    }

    public double PerSecond { get; }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetTimestamp();
            var earliest = Math.Max(Math.Max(now, pausedUntil), slots[next] + ToTicks(window));
            slots[next] = earliest;
            next = (next + 1) % slots.Length;
            wait = time.GetElapsedTime(now, earliest);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Twilio answered 429: hold every send until <paramref name="retryAfter"/> has passed.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (gate)
        {
            pausedUntil = Math.Max(pausedUntil, time.GetTimestamp() + ToTicks(retryAfter));
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
