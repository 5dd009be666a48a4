using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>
/// The emulator's state, in memory: messages, calls, and each phone's view of them. What has ended is forgotten after
/// the retention window (<see cref="Forget"/>), so a process that emulates a street's campaigns does not grow without bound.
/// </summary>
internal sealed class EmulatorStore(IOptionsMonitor<EmulatorOptions> options)
{
    private readonly ConcurrentDictionary<string, EmulatedMessage> messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedCall> calls = new(StringComparer.Ordinal);
    private readonly PhoneLogs messagesByPhone = new();
    private readonly PhoneLogs callsByPhone = new();
    private readonly ConcurrentDictionary<string, PhoneBehaviour> behaviours = new(StringComparer.Ordinal);

    public IEnumerable<EmulatedMessage> Messages => messages.Values;

    public IEnumerable<EmulatedCall> Calls => calls.Values;

    /// <summary>Resident numbers that have texted, been texted, called or been called.</summary>
    public IEnumerable<string> Phones => messagesByPhone.Phones.Union(callsByPhone.Phones).Order(StringComparer.Ordinal);

    public void Add(EmulatedMessage message, string residentNumber)
    {
        // Stored before it is listed under the phone, so that forgetting never takes a new message off its phone's list.
        messages[message.Sid] = message;
        messagesByPhone.Add(residentNumber, message.Sid);
    }

    public void Add(EmulatedCall call, string residentNumber)
    {
        calls[call.Sid] = call;
        callsByPhone.Add(residentNumber, call.Sid);
    }

    public EmulatedMessage? Message(string sid) => messages.GetValueOrDefault(sid);

    public EmulatedCall? Call(string sid) => calls.GetValueOrDefault(sid);

    public EmulatedMessage Update(string sid, Func<EmulatedMessage, EmulatedMessage> change) =>
        messages.AddOrUpdate(sid, _ => throw new KeyNotFoundException(sid), (_, message) => change(message));

    public IEnumerable<EmulatedMessage> MessagesOf(string phone) => messagesByPhone.Sids(phone).Select(Message).OfType<EmulatedMessage>();

    public IEnumerable<EmulatedCall> CallsOf(string phone) => callsByPhone.Sids(phone).Select(Call).OfType<EmulatedCall>();

    /// <summary>Set at run time, else configured (Emulator:Phones:{number}), else a person who answers and stays silent.</summary>
    public PhoneBehaviour BehaviourOf(string phone) =>
        behaviours.GetValueOrDefault(phone) ?? options.CurrentValue.Phones.GetValueOrDefault(phone) ?? new PhoneBehaviour();

    public void SetBehaviour(string phone, PhoneBehaviour behaviour) => behaviours[phone] = behaviour;

    /// <summary>
    /// Forgets the messages and calls whose last status change, to one that ends them, came before <paramref name="before"/>;
    /// returns how many. A message still queued or sent, and a call still ringing or in progress, is kept however old.
    /// </summary>
    public int Forget(DateTimeOffset before)
    {
        var forgotten = 0;
        foreach (var (sid, message) in messages)
        {
            if (HasEnded(message) && message.DateUpdated < before && messages.TryRemove(new(sid, message)))
            {
                forgotten++;
            }
        }

        foreach (var (sid, call) in calls)
        {
            if (call.IsFinished && call.DateUpdated < before && calls.TryRemove(new(sid, call)))
            {
                call.Dispose();
                forgotten++;
            }
        }

        if (forgotten > 0)
        {
            messagesByPhone.KeepOnly(messages.ContainsKey);
            callsByPhone.KeepOnly(calls.ContainsKey);
        }

        return forgotten;
    }

    /// <summary>A message whose status can no longer change: delivered, undelivered, failed, canceled, or received from a resident.</summary>
    private static bool HasEnded(EmulatedMessage message) => message.Status is "delivered" or "read" or "undelivered" or "failed" or "canceled" or "received";

    /// <summary>Each phone's SIDs in the order they came; a phone whose list empties is dropped.</summary>
    private sealed class PhoneLogs
    {
        private readonly ConcurrentDictionary<string, Log> logs = new(StringComparer.Ordinal);

        public IEnumerable<string> Phones => logs.Keys;

        public void Add(string phone, string sid)
        {
            // A log found empty and closed by KeepOnly is on its way out: add to the one that replaces it.
            while (!logs.GetOrAdd(phone, _ => new Log()).TryAdd(sid))
            {
            }
        }

        public IReadOnlyList<string> Sids(string phone) => logs.TryGetValue(phone, out var log) ? log.Sids() : [];

        public void KeepOnly(Func<string, bool> kept)
        {
            foreach (var (phone, log) in logs)
            {
                if (log.KeepOnly(kept))
                {
                    logs.TryRemove(new(phone, log));
                }
            }
        }

        private sealed class Log
        {
            private readonly Lock gate = new();
            private readonly List<string> sids = [];
            private bool closed;

            public bool TryAdd(string sid)
            {
                lock (gate)
                {
                    if (!closed)
                    {
                        sids.Add(sid);
                    }

                    return !closed;
                }
            }

            public IReadOnlyList<string> Sids()
            {
                lock (gate)
                {
                    return [.. sids];
                }
            }

            /// <summary>Removes the SIDs not <paramref name="kept"/>; returns true, and takes no more, when none is left.</summary>
            public bool KeepOnly(Func<string, bool> kept)
            {
                lock (gate)
                {
                    sids.RemoveAll(sid => !kept(sid));
                    closed = sids.Count == 0;
                    return closed;
                }
            }
        }
    }
}
