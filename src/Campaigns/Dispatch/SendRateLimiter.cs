namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Paces sends so that no window of one second ever holds more than the configured number: each send reserves
/// a slot at least one second (plus a small margin for timer jitter) after the send <c>rate</c> places earlier.
/// </summary>
public sealed class SendRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1.02);
    private readonly long[] slots;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private int next;
    private long pausedUntil;

    public SendRateLimiter(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        this.time = time;
        slots = new long[(int)Math.Floor(perSecond)];
        Array.Fill(slots, long.MinValue / 2);
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetTimestamp();
            var earliest = Math.Max(Math.Max(now, pausedUntil), slots[next] + ToTicks(Window));
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
