using System.Collections.Concurrent;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Voice;

namespace Outreach.Campaigns.Tests.Doubles;

/// <summary>An ICallPlacer that records placed calls.</summary>
public sealed class RecordingCallPlacer(TimeProvider time) : ICallPlacer
{
    private int counter;

    public ConcurrentQueue<PlacedTestCall> Placed { get; } = new();

    public Action<PlacedTestCall>? OnPlaced { get; set; }

    public Task<CallPlaceResult> PlaceAsync(OutboundCall outboundCall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outboundCall);
        var n = Interlocked.Increment(ref counter);
        var call = new PlacedTestCall($"CA{n:x32}", outboundCall.To, outboundCall.Reference, time.GetUtcNow());
        Placed.Enqueue(call);
        OnPlaced?.Invoke(call);
        return Task.FromResult(new CallPlaceResult(SendDisposition.Accepted, call.Sid));
    }

    public Task<string?> FetchStatusAsync(string callSid, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<IReadOnlyList<PlacedCall>> ListPlacedAsync(string recipient, DateTimeOffset placedAfter, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<PlacedCall>>([.. Placed.Where(c => c.To == recipient && c.At >= placedAfter).Select(c => new PlacedCall(c.Sid, c.To, "queued", c.At))]);
}

public sealed record PlacedTestCall(string Sid, string To, string Reference, DateTimeOffset At);
