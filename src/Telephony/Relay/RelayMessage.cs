using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Telephony.Relay;

/// <summary>
/// A ConversationRelay WebSocket message, either way. In from Twilio: setup (callSid, from, to…), prompt
/// (voicePrompt, lang, last), dtmf (digit), interrupt (utteranceUntilInterrupt, durationUntilInterruptMs), error
/// (description). Out to Twilio: text (token, last, lang) and end (handoffData). Unknown fields are ignored.
/// </summary>
public sealed record RelayMessage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public required string Type { get; init; }

    public string? SessionId { get; init; }

    public string? AccountSid { get; init; }

    public string? CallSid { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Direction { get; init; }

    public string? CallStatus { get; init; }

    public Dictionary<string, string>? CustomParameters { get; init; }

    public string? VoicePrompt { get; init; }

    public string? Lang { get; init; }

    public bool? Last { get; init; }

    public string? Digit { get; init; }

    public string? UtteranceUntilInterrupt { get; init; }

    /// <summary>Twilio documents a string of digits; a number is accepted too.</summary>
    public JsonElement? DurationUntilInterruptMs { get; init; }

    public string? Description { get; init; }

    public string? Token { get; init; }

    /// <summary>A JSON string Twilio hands back to the &lt;Connect&gt; action as HandoffData.</summary>
    public string? HandoffData { get; init; }

    public static RelayMessage Text(string token, bool last) => new() { Type = "text", Token = token, Last = last };

    public static RelayMessage End(RelayHandoff handoff) => new() { Type = "end", HandoffData = handoff?.ToJson() };

    /// <summary>Null for a message that is not a JSON object with a type.</summary>
    public static RelayMessage? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<RelayMessage>(utf8, Json) is { Type: not null } message ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
