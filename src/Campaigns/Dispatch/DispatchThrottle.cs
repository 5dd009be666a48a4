using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Outreach.Residents.Archive;
using Outreach.Telephony;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// The process-wide throttle shared by every dispatch job: a rate limiter per sender number and channel
/// (messages/s, calls/s) and a cap on calls in progress. A rate of 0 means no throttle.
/// </summary>
public sealed class DispatchThrottle(IOptions<CampaignOptions> options, IOptions<TwilioOptions> twilio, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, SendRateLimiter?> limiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, byte> inFlight = new();
    private readonly ConcurrentCallGate? callGate = options.Value.MaxConcurrentCalls > 0
        ? new ConcurrentCallGate(options.Value.MaxConcurrentCalls, TimeSpan.FromMinutes(options.Value.MaxCallMinutes), time)
        : null;

    /// <summary>The smallest configured rate, or null when nothing is throttled.</summary>
    public double? SlowestRate
    {
        get
        {
            var rates = new[] { options.Value.MessagesPerSecond, options.Value.CallsPerSecond }.Where(r => r > 0).ToList();
            return rates.Count == 0 ? null : rates.Min();
        }
    }

    public async Task WaitAsync(ContactChannel channel, long attemptId, CancellationToken cancellationToken)
    {
        if (Limiter(channel) is { } limiter)
        {
            await limiter.WaitAsync(cancellationToken);
        }

        if (channel == ContactChannel.Voice && callGate is not null)
        {
            await callGate.EnterAsync(attemptId, cancellationToken);
        }
    }

    /// <summary>Attempts this process decided and has not finished sending; recovery leaves them alone.</summary>
    public void Sending(IEnumerable<long> attemptIds, bool sending)
    {
        ArgumentNullException.ThrowIfNull(attemptIds);
        foreach (var id in attemptIds)
        {
            if (sending)
            {
                inFlight[id] = 0;
            }
            else
            {
                inFlight.TryRemove(id, out _);
            }
        }
    }

    public bool IsSending(long attemptId) => inFlight.ContainsKey(attemptId);

    /// <summary>A call ended (or was never placed): its slot is free.</summary>
    public void CallEnded(long attemptId) => callGate?.Leave(attemptId);

    /// <summary>Twilio asked us to slow down on this channel.</summary>
    public void Pause(ContactChannel channel, TimeSpan retryAfter) => Limiter(channel)?.Pause(retryAfter);

    private SendRateLimiter? Limiter(ContactChannel channel)
        => limiters.GetOrAdd($"{twilio.Value.FromNumber}/{channel}", _ =>
        {
            var rate = channel == ContactChannel.Voice ? options.Value.CallsPerSecond : options.Value.MessagesPerSecond;
            return rate > 0 ? new SendRateLimiter(rate, time) : null;
        });

    public void Dispose()
    {
        callGate?.Dispose();
        foreach (var limiter in limiters.Values)
        {
            limiter?.Dispose();
        }
    }
}
