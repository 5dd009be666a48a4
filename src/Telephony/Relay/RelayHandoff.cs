using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Telephony.Voice;

namespace Outreach.Telephony.Relay;

/// <summary>
/// The handoffData of ConversationRelay's end message: Twilio passes it back as HandoffData to the &lt;Connect&gt;
/// action, where it decides the TwiML that follows the session (a &lt;Dial&gt; to the on-duty number, or hang up).
/// </summary>
public sealed record RelayHandoff(
    [property: JsonPropertyName("reasonCode")] string ReasonCode,
    [property: JsonPropertyName("dial")] string? Dial = null)
{
    public const string LiveAgentHandoff = "live-agent-handoff";

    public static RelayHandoff Of(RelayEnding ending)
    {
        ArgumentNullException.ThrowIfNull(ending);
        return ending.Next == VoiceNext.Dial ? new RelayHandoff(LiveAgentHandoff, ending.DialNumber) : new RelayHandoff(ending.Reason);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Null when <paramref name="handoffData"/> is missing or not ours (the caller hung up, the session failed).</summary>
    public static RelayHandoff? Parse(string? handoffData)
    {
        if (string.IsNullOrWhiteSpace(handoffData))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RelayHandoff>(handoffData) is { ReasonCode: not null } handoff ? handoff : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
