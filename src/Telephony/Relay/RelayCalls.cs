using System.Collections.Concurrent;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Relay;

/// <summary>
/// The calls handed to ConversationRelay, by CallSid, as their signed answer webhook described them. The WebSocket
/// session binds to the call found here, never to what its messages claim. Twilio opens the socket right after
/// the TwiML, so entries live minutes; see docs/decisions/0009.
/// </summary>
public sealed class RelayCalls(TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(2);
    private readonly ConcurrentDictionary<string, (CallInput Call, DateTimeOffset At)> calls = new(StringComparer.Ordinal);

    public void Register(CallInput call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var now = time.GetUtcNow();
        calls[call.CallSid] = (call, now);
        foreach (var (sid, entry) in calls)
        {
            if (now - entry.At > Retention)
            {
                calls.TryRemove(sid, out _);
            }
        }
    }

    public CallInput? Find(string callSid) => calls.TryGetValue(callSid, out var entry) ? entry.Call : null;

    public void Forget(string callSid) => calls.TryRemove(callSid, out _);
}
