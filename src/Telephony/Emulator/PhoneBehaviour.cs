using System.Text.Json.Serialization;

namespace Outreach.Telephony.Emulator;

/// <summary>How a resident's phone behaves in the emulator: who answers, what they say or press, how slowly.</summary>
public sealed class PhoneBehaviour
{
    public PhoneAnswer Answer { get; set; } = PhoneAnswer.Human;

    /// <summary>One reply per Gather, in order; when they run out the resident stays silent.</summary>
    public List<PhoneReply> Replies { get; set; } = [];

    /// <summary>Extra delay before ringing ends and before each reply or delivery.</summary>
    public TimeSpan Latency { get; set; }
}

/// <summary>
/// What a resident does at a Gather, or in a ConversationRelay session: say something or press keys. With
/// <paramref name="Interrupts"/>, they speak over the agent's answer as soon as its first words arrive (relay only).
/// </summary>
public sealed record PhoneReply(string? Speech = null, string? Digits = null, bool Interrupts = false);

[JsonConverter(typeof(JsonStringEnumConverter<PhoneAnswer>))]
public enum PhoneAnswer
{
    /// <summary>A person answers and follows <see cref="PhoneBehaviour.Replies"/>.</summary>
    Human,
    /// <summary>A person on the resident-phone page answers, speaks and presses keys.</summary>
    Interactive,
    Busy,
    NoAnswer,
    /// <summary>An answering machine picks up: AMD reports machine_end_beep.</summary>
    Voicemail,
    /// <summary>Calls fail and SMS are undelivered (30003).</summary>
    Fails,
    /// <summary>Not a mobile: SMS is refused with 21614; calls work.</summary>
    Landline,
    /// <summary>Unsubscribed at the carrier: SMS is refused with 21610.</summary>
    Unsubscribed,
}
