using System.ComponentModel.DataAnnotations;
using Outreach.Telephony.Relay;

namespace Outreach.Telephony;

/// <summary>Twilio account and webhook settings (configuration section "Twilio").</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The built-in emulator's account; used when no real account is configured.</summary>
    public const string EmulatorAccountSid = "AC00000000000000000000000000000000";

    [Required, RegularExpression("^AC[0-9a-fA-F]{32}$", ErrorMessage = "Twilio:AccountSid must look like AC followed by 32 hex digits.")]
    public string AccountSid { get; set; } = EmulatorAccountSid;

    /// <summary>Signs webhooks (Twilio and the emulator) and authenticates REST calls.</summary>
    [Required(ErrorMessage = "Twilio:AuthToken is required.")]
    public string AuthToken { get; set; } = "emulator-auth-token";

    /// <summary>The number (E.164) notices are sent from.</summary>
    [Required, RegularExpression(@"^\+[1-9]\d{6,14}$", ErrorMessage = "Twilio:FromNumber must be an E.164 number such as +8657100000000.")]
    public string FromNumber { get; set; } = "+8657188880000";

    /// <summary>The base URL Twilio uses to reach this server; webhook signatures cover it.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Twilio's REST base URL. Null means the built-in emulator, hosted by this server.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// REST requests this process has in flight at once. Twilio limits each account's concurrent requests and answers the
    /// excess with 429 (error 20429); with several servers on one account, give each its share of the account's limit.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Twilio:MaxConcurrentRequests must be between 1 and 10000.")]
    public int MaxConcurrentRequests { get; set; } = 100;

    /// <summary>
    /// How long a create (a message, a call) waits for one of <see cref="MaxConcurrentRequests"/> before it is refused
    /// unsent as Twilio refuses requests over the account's concurrency (429, error 20429). Dispatch leaves this much of a
    /// decision's send window to the wait (ADR 0005).
    /// </summary>
    public static readonly TimeSpan SlotWaitBeforeCreate = TimeSpan.FromSeconds(5);

    /// <summary>Text-to-speech voice per language for &lt;Say&gt;.</summary>
    public Dictionary<string, string> Voices { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh-CN"] = "Polly.Zhiyu",
        ["en"] = "Polly.Joanna",
    };

    /// <summary>Gather (turn by turn webhooks) or ConversationRelay (a WebSocket, answers streamed as they are generated).</summary>
    public VoiceMode VoiceMode { get; set; } = VoiceMode.Gather;

    /// <summary>How long a webhook's I-Twilio-Idempotency-Token is remembered (stored; pruned hourly).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>True when this server hosts the emulator and talks to it.</summary>
    public bool UsesBuiltInEmulator => string.IsNullOrWhiteSpace(ApiBaseUrl);
}
