using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Remembers the response to each I-Twilio-Idempotency-Token for a retention window, so Twilio's retry of a
/// webhook gets the same answer without the handler running twice. In memory: see docs/decisions/0002.
/// </summary>
public sealed class WebhookIdempotency(TimeProvider time, IOptionsMonitor<TwilioOptions> options)
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, Entry> responses = new(StringComparer.Ordinal);
    private int runsSinceSweep;

    public int Count => responses.Count;

    public async Task<object?> RunOnceAsync(string key, Func<Task<object?>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow();
        var retention = options.CurrentValue.IdempotencyRetention;
        var entry = responses.AddOrUpdate(
            key,
            _ => new Entry(new Lazy<Task<object?>>(run), now),
            (_, existing) => now - existing.StartedAt > retention ? new Entry(new Lazy<Task<object?>>(run), now) : existing);
        SweepOccasionally(now, retention);
        try
        {
            return await entry.Response.Value;
        }
        catch
        {
            // A failed attempt is not an answer: let Twilio's next retry run the handler again.
            responses.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private void SweepOccasionally(DateTimeOffset now, TimeSpan retention)
    {
        if (Interlocked.Increment(ref runsSinceSweep) % SweepEvery != 0)
        {
            return;
        }

        foreach (var (key, entry) in responses)
        {
            if (now - entry.StartedAt > retention)
            {
                responses.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed record Entry(Lazy<Task<object?>> Response, DateTimeOffset StartedAt);
}
