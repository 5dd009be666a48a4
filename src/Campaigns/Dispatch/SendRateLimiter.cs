namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Paces sends so that no window of one second ever holds more than the configured number, as Twilio counts them: a
/// send may start only one second after the send <c>rate</c> places earlier <em>finished</em> (its response came back,
/// or it failed). Twilio stamps a request somewhere between its start and its response, so this holds however long
/// a request spends in connection pools, on the wire or in a stalled process; measuring from the earlier send's start
/// would let a request held up on the way arrive together with the next second's. Senders wait their turn one at a
/// time and the times kept are the real ones, so a stall delays sends but never releases a burst.
/// The cost is a rate of <c>rate / (1 s + response time)</c>, a few percent under the configured one.
/// A fractional rate is rounded down to whole sends per second; below one, one send per 1/rate seconds.
/// </summary>
public sealed class SendRateLimiter : IDisposable
{
    /// <summary>A whole second plus the clocks' resolution.</summary>
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1.005);
    private readonly TimeSpan window;
    private readonly Slot[] slots;
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
        slots = [.. Enumerable.Range(0, Math.Max(1, (int)Math.Floor(perSecond))).Select(_ => new Slot(time))];
    }

    public double PerSecond { get; }

    /// <summary>Waits for a send's turn; dispose the permit when the send is over (answered, refused or failed).</summary>
    public async ValueTask<IDisposable> WaitAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            var slot = slots[next];
            // The send this many places earlier may still be on its way: it counts until its response is back.
            await slot.Finished.WaitAsync(cancellationToken);
            while (true)
            {
                var now = time.GetTimestamp();
                var earliest = Math.Max(Volatile.Read(ref pausedUntil), slot.FinishedAt + ToTicks(window));
                if (now >= earliest)
                {
                    next = (next + 1) % slots.Length;
                    return slot.Start();
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

    /// <summary>One of the last <c>rate</c> sends: when it finished, or a task that completes when it does.</summary>
    private sealed class Slot(TimeProvider time)
    {
        private readonly TimeProvider time = time;
        private TaskCompletionSource finished = Done();

        public long FinishedAt { get; private set; } = long.MinValue / 2;

        public Task Finished => Volatile.Read(ref finished).Task;

        public IDisposable Start()
        {
            Volatile.Write(ref finished, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return new Permit(this);
        }

        private static TaskCompletionSource Done()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }

        private sealed class Permit(Slot slot) : IDisposable
        {
            private int disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref disposed, 1) == 0)
                {
                    slot.FinishedAt = slot.time.GetTimestamp();
                    Volatile.Read(ref slot.finished).TrySetResult();
                }
            }
        }
    }
}
