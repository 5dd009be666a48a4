using System.Collections.Concurrent;
using Outreach.Telephony.Messaging;

namespace Outreach.Campaigns.Tests.Doubles;

/// <summary>An ISmsSender that records what Twilio would have accepted; <see cref="Behaviour"/> scripts failures.</summary>
public sealed class RecordingSmsSender(TimeProvider time) : ISmsSender
{
    private int counter;

    public ConcurrentQueue<SentSms> Sent { get; } = new();

    /// <summary>Given the send and its 1-based call number, a result to return instead of accepting (null = accept).</summary>
    public Func<OutboundSms, int, SmsSendResult?>? Behaviour { get; set; }

    /// <summary>Called after a message is accepted (tests use it to post status callbacks).</summary>
    public Action<SentSms>? OnAccepted { get; set; }

    /// <summary>Accept and record the message, then throw as if the response was lost (a crash after Twilio took it).</summary>
    public Func<OutboundSms, bool>? LoseResponse { get; set; }

    public Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var n = Interlocked.Increment(ref counter);
        if (Behaviour?.Invoke(sms, n) is { } scripted)
        {
            return Task.FromResult(scripted);
        }

        var sent = new SentSms($"SM{n:x32}", sms.To, sms.Body, sms.Reference, time.GetUtcNow(), System.Diagnostics.Stopwatch.GetTimestamp());
        Sent.Enqueue(sent);
        if (LoseResponse?.Invoke(sms) == true)
        {
            throw new HttpRequestException("connection reset after the request was sent");
        }

        OnAccepted?.Invoke(sent);
        return Task.FromResult(new SmsSendResult(SendDisposition.Accepted, sent.Sid));
    }

    /// <summary>What Twilio reports when a message is fetched; by default "delivered" for every message it took.</summary>
    public string FetchedStatus { get; set; } = "delivered";

    /// <summary>How many times a message's status was fetched.</summary>
    public int Fetches => fetches;

    private int fetches;

    public Task<string?> FetchStatusAsync(string messageSid, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref fetches);
        return Task.FromResult(Sent.Any(s => s.Sid == messageSid) ? FetchedStatus : null);
    }

    /// <summary>Awaited before Twilio's list of messages is read (tests use it to line up concurrent lookups).</summary>
    public Func<Task>? BeforeList { get; set; }

    public async Task<IReadOnlyList<SentMessage>> ListSentAsync(string recipient, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        if (BeforeList is { } before)
        {
            await before();
        }

        return [.. Sent.Where(s => s.To == recipient && s.At >= sentAfter).Select(s => new SentMessage(s.Sid, s.To, s.Body, "sent", s.At))];
    }
}

public sealed record SentSms(string Sid, string To, string Body, string? Reference, DateTimeOffset At, long Timestamp);
