using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Webhooks;

/// <summary>The absolute webhook URLs this server gives Twilio, built on Twilio:PublicBaseUrl.</summary>
public sealed class TwilioWebhookUrls(IOptionsMonitor<TwilioOptions> options)
{
    public const string SmsInboundPath = "/twilio/sms/inbound";
    public const string SmsStatusPath = "/twilio/sms/status";
    public const string VoiceInboundPath = "/twilio/voice/inbound";
    public const string VoiceAnswerPath = "/twilio/voice/answer";
    public const string VoiceGatherPath = "/twilio/voice/gather";
    public const string VoiceStatusPath = "/twilio/voice/status";
    public const string VoiceAmdPath = "/twilio/voice/amd";
    public const string VoiceRelayPath = "/twilio/voice/relay";
    public const string VoiceRelayActionPath = "/twilio/voice/relay/action";

    public Uri SmsStatus(string? reference) => Build(SmsStatusPath, reference);

    public Uri VoiceAnswer(string? reference) => Build(VoiceAnswerPath, reference);

    public Uri VoiceGather(string? reference) => Build(VoiceGatherPath, reference);

    public Uri VoiceStatus(string? reference) => Build(VoiceStatusPath, reference);

    public Uri VoiceAmd(string? reference) => Build(VoiceAmdPath, reference);

    public Uri Absolute(string path) => Build(path, null);

    /// <summary>The wss:// (ws:// behind plain http) URL ConversationRelay connects to for <paramref name="callSid"/>.</summary>
    public Uri VoiceRelaySocket(string callSid) =>
        new(ToWebSocket($"{options.CurrentValue.PublicBaseUrl.TrimEnd('/')}{VoiceRelayPath}?callSid={Uri.EscapeDataString(callSid)}"));

    /// <summary>The &lt;Connect&gt; action Twilio posts to when a relay session ends.</summary>
    public Uri VoiceRelayAction(string? reference) => Build(VoiceRelayActionPath, reference);

    /// <summary>https → wss and http → ws: the URL a WebSocket upgrade is signed over.</summary>
    public static string ToWebSocket(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + url[8..]
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + url[7..]
            : url;
    }

    private Uri Build(string path, string? reference)
    {
        var baseUrl = options.CurrentValue.PublicBaseUrl.TrimEnd('/');
        return reference is null
            ? new Uri($"{baseUrl}{path}")
            : new Uri($"{baseUrl}{path}?ref={Uri.EscapeDataString(reference)}");
    }
}
