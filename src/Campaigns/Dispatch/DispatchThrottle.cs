using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Outreach.Residents.Archive;
using Outreach.Telephony;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// The process-wide throttle shared by every dispatch job: a rate limiter per sender number and channel
/// (messages/s, calls/s) and a cap on calls in progress. A rate of 0 means no throttle. The configured rates are
/// for the whole deployment: each process paces its share, the rate divided by the live servers (docs/decisions/0008).
/// </summary>
public sealed class DispatchThrottle(IOptions<CampaignOptions> options, IOptions<TwilioOptions> twilio, LiveServers servers, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, SendRateLimiter> limiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, byte> inFlight = new();
    private readonly ConcurrentCallGate? callGate = options.Value.MaxConcurrentCalls > 0
        ? new ConcurrentCallGate(options.Value.MaxConcurrentCalls, TimeSpan.FromMinutes(options.Value.MaxCallMinutes), time)
        : null;

    /// <summary>This process's share of the smallest configured rate, or null when nothing is throttled.</summary>
    public double? SlowestRate
    {
        get
        {
            var rates = new[] { options.Value.MessagesPerSecond, options.Value.CallsPerSecond }.Where(r => r > 0).ToList();
            return rates.Count == 0 ? null : rates.Min() / servers.Count;
        }
    }

    /// <summary>This process's share of a channel's configured rate; 0 means no throttle.</summary>
    public double ShareOf(ContactChannel channel)
    {
        var rate = channel == ContactChannel.Voice ? options.Value.CallsPerSecond : options.Value.MessagesPerSecond;
        return rate > 0 ? rate / servers.Count : 0;
    }

    /// <summary>Waits for a send's turn; dispose the result when the request to Twilio is over.</summary>
    public async Task<IDisposable?> WaitAsync(ContactChannel channel, long attemptId, CancellationToken cancellationToken)
    {
        var permit = Limiter(channel) is { } limiter ? await limiter.WaitAsync(cancellationToken) : null;
        if (channel == ContactChannel.Voice && callGate is not null)
        {
            try
            {
                await callGate.EnterAsync(attemptId, cancellationToken);
            }
            catch
            {
                permit?.Dispose();
                throw;
            }
        }

        return permit;
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

    /// <summary>The channel's limiter at this process's current share; a new one when the number of servers changed.</summary>
    private SendRateLimiter? Limiter(ContactChannel channel)
    {
        var share = ShareOf(channel);
        if (share <= 0)
        {
            return null;
        }

        return limiters.AddOrUpdate(
            $"{twilio.Value.FromNumber}/{channel}",
            (_, rate) => new SendRateLimiter(rate, time),
            (_, current, rate) => current.PerSecond == rate ? current : new SendRateLimiter(rate, time),
            share);
    }

    public void Dispose()
    {
        callGate?.Dispose();
        foreach (var limiter in limiters.Values)
        {
            limiter?.Dispose();
        }
    }
}
