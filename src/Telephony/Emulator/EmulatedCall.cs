using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Outreach.Telephony.Emulator;

/// <summary>A call in the emulator: what was asked for, its live state and transcript, and the controls a running call listens to.</summary>
internal sealed class EmulatedCall : IDisposable
{
    private readonly Lock gate = new();
    private CancellationTokenSource interruption = new();
    private bool disposed;

    public required string Sid { get; init; }

    public required string AccountSid { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>outbound-api or inbound.</summary>
    public required string Direction { get; init; }

    public Uri? Url { get; init; }

    public string? Twiml { get; init; }

    public Uri? StatusCallback { get; init; }

    public IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public Uri? AmdCallback { get; init; }

    public bool DetectsMachine { get; init; }

    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public required DateTimeOffset DateCreated { get; init; }

    public string Status { get; private set; } = "queued";

    public DateTimeOffset DateUpdated { get; private set; }

    public DateTimeOffset? StartTime { get; private set; }

    public DateTimeOffset? EndTime { get; private set; }

    public string? AnsweredBy { get; set; }

    public ConcurrentQueue<TranscriptLine> Transcript { get; } = new();

    /// <summary>What the resident on the phone page says or presses.</summary>
    public Channel<PhoneReply> Replies { get; } = Channel.CreateUnbounded<PhoneReply>();

    /// <summary>Completed by the phone page: true answered, false declined.</summary>
    public TaskCompletionSource<bool> Pickup { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>TwiML or a URL that replaces what the call is doing (REST update), taken by the running call.</summary>
    public object? PendingRedirect { get; private set; }

    public bool HangupRequested { get; private set; }

    public bool IsFinished => Status is "completed" or "busy" or "no-answer" or "failed" or "canceled";

    /// <summary>Cancelled when the call is redirected or hung up from outside.</summary>
    public CancellationToken Interrupted
    {
        get
        {
            lock (gate)
            {
                return interruption.Token;
            }
        }
    }

    public int? DurationSeconds => StartTime is { } start && EndTime is { } end ? (int)Math.Round((end - start).TotalSeconds) : null;

    public void SetStatus(string status, DateTimeOffset now)
    {
        lock (gate)
        {
            Status = status;
            DateUpdated = now;
            if (status == "in-progress")
            {
                StartTime ??= now;
            }
            else if (IsFinished)
            {
                EndTime = now;
            }
        }
    }

    public void Redirect(object twimlOrUrl) => Interrupt(() => PendingRedirect = twimlOrUrl);

    public void RequestHangup() => Interrupt(() => HangupRequested = true);

    public object? TakeRedirect()
    {
        lock (gate)
        {
            var redirect = PendingRedirect;
            PendingRedirect = null;
            if (!disposed && interruption.IsCancellationRequested)
            {
                interruption.Dispose();
                interruption = new CancellationTokenSource();
            }

            return redirect;
        }
    }

    public void Say(string speaker, string kind, string text, DateTimeOffset at, string? language = null, string? voice = null) =>
        Transcript.Enqueue(new TranscriptLine(at, speaker, kind, text, language, voice));

    /// <summary>Called when the call has ended; later hang-ups and redirects are ignored.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            interruption.Dispose();
        }
    }

    private void Interrupt(Action change)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            change();
            interruption.Cancel();
        }
    }
}
