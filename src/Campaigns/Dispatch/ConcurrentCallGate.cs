using System.Collections.Concurrent;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// Caps calls in progress. A slot is taken before a call is placed and given back by its final status callback,
/// or after the longest plausible call when that callback never arrives.
/// </summary>
public sealed class ConcurrentCallGate(int maxCalls, TimeSpan maxCallDuration, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim slots = new(maxCalls, maxCalls);
    private readonly ConcurrentDictionary<long, DateTimeOffset> held = new();

    public async Task EnterAsync(long attemptId, CancellationToken cancellationToken)
    {
        while (!await slots.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken))
        {
            var expired = time.GetUtcNow() - maxCallDuration;
            foreach (var (id, since) in held)
            {
                if (since < expired)
                {
                    Leave(id);
                }
            }
        }

        held[attemptId] = time.GetUtcNow();
    }

    /// <summary>Gives a call's slot back; repeated calls for the same attempt give back nothing more.</summary>
    public void Leave(long attemptId)
    {
        if (held.TryRemove(attemptId, out _))
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
