using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>The emulator's state, in memory: messages, calls, and each phone's view of them.</summary>
internal sealed class EmulatorStore(IOptionsMonitor<EmulatorOptions> options)
{
    private readonly ConcurrentDictionary<string, EmulatedMessage> messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedCall> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> messagesByPhone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> callsByPhone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PhoneBehaviour> behaviours = new(StringComparer.Ordinal);

    public IEnumerable<EmulatedMessage> Messages => messages.Values;

    public IEnumerable<EmulatedCall> Calls => calls.Values;

    /// <summary>Resident numbers that have texted, been texted, called or been called.</summary>
    public IEnumerable<string> Phones => messagesByPhone.Keys.Union(callsByPhone.Keys).Order(StringComparer.Ordinal);

    public void Add(EmulatedMessage message, string residentNumber)
    {
        messages[message.Sid] = message;
        messagesByPhone.GetOrAdd(residentNumber, _ => new ConcurrentQueue<string>()).Enqueue(message.Sid);
    }

    public void Add(EmulatedCall call, string residentNumber)
    {
        calls[call.Sid] = call;
        callsByPhone.GetOrAdd(residentNumber, _ => new ConcurrentQueue<string>()).Enqueue(call.Sid);
    }

    public EmulatedMessage? Message(string sid) => messages.GetValueOrDefault(sid);

    public EmulatedCall? Call(string sid) => calls.GetValueOrDefault(sid);

    public EmulatedMessage Update(string sid, Func<EmulatedMessage, EmulatedMessage> change) =>
        messages.AddOrUpdate(sid, _ => throw new KeyNotFoundException(sid), (_, message) => change(message));

    public IEnumerable<EmulatedMessage> MessagesOf(string phone) =>
        messagesByPhone.TryGetValue(phone, out var sids) ? sids.Select(Message).OfType<EmulatedMessage>() : [];

    public IEnumerable<EmulatedCall> CallsOf(string phone) =>
        callsByPhone.TryGetValue(phone, out var sids) ? sids.Select(Call).OfType<EmulatedCall>() : [];

    /// <summary>Set at run time, else configured (Emulator:Phones:{number}), else a person who answers and stays silent.</summary>
    public PhoneBehaviour BehaviourOf(string phone) =>
        behaviours.GetValueOrDefault(phone) ?? options.CurrentValue.Phones.GetValueOrDefault(phone) ?? new PhoneBehaviour();

    public void SetBehaviour(string phone, PhoneBehaviour behaviour) => behaviours[phone] = behaviour;
}
