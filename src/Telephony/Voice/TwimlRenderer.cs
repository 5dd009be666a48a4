using Microsoft.Extensions.Options;
using Outreach.Telephony.Webhooks;
using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace Outreach.Telephony.Voice;

/// <summary>
/// Renders a <see cref="VoiceTurn"/> as TwiML with the SDK's VoiceResponse. Silence is handled inside the
/// document (a second Gather with the reprompt, then the goodbye), so the webhook stays stateless.
/// </summary>
public sealed class TwimlRenderer(IOptionsMonitor<TwilioOptions> options, TwilioWebhookUrls urls)
{
    private const int GatherTimeoutSeconds = 5;

    public string Render(VoiceTurn turn, string? reference) => TwimlText.Of(Document(turn, reference));

    /// <summary>
    /// Hands the call to ConversationRelay: <paramref name="turn"/>'s text is the welcome greeting, the resident may
    /// speak or press keys at any time (and interrupt), and the &lt;Connect&gt; action decides what follows the session.
    /// </summary>
    public string RenderRelay(VoiceTurn turn, string callSid, string? reference) => TwimlText.Of(RelayDocument(turn, callSid, reference));

    internal VoiceResponse Document(VoiceTurn turn, string? reference)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var response = new VoiceResponse();
        var language = SayLanguage(turn.Language);
        var voice = VoiceFor(turn.Language);
        switch (turn.Next)
        {
            case VoiceNext.Gather:
                var action = urls.VoiceGather(reference);
                response.Append(ListenAfter(turn.Say, language, voice, action));
                if (!string.IsNullOrWhiteSpace(turn.Reprompt))
                {
                    response.Append(ListenAfter(turn.Reprompt, language, voice, action));
                }

                SayIfAny(response, turn.Goodbye, language, voice);
                response.Hangup();
                break;
            case VoiceNext.Dial:
                if (string.IsNullOrWhiteSpace(turn.DialNumber))
                {
                    throw new InvalidOperationException("A VoiceTurn with Next = Dial needs a DialNumber.");
                }

                SayIfAny(response, turn.Say, language, voice);
                response.Dial(turn.DialNumber);
                SayIfAny(response, turn.Goodbye, language, voice);
                break;
            case VoiceNext.Hangup:
                SayIfAny(response, turn.Say, language, voice);
                SayIfAny(response, turn.Goodbye, language, voice);
                response.Hangup();
                break;
            default:
                throw new InvalidOperationException($"VoiceNext.{turn.Next} has no TwiML rendering.");
        }

        return response;
    }

    internal VoiceResponse RelayDocument(VoiceTurn turn, string callSid, string? reference)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = SayLanguage(turn.Language);
        var relay = new ConversationRelay(
            url: urls.VoiceRelaySocket(callSid).ToString(),
            language: language,
            dtmfDetection: true,
            welcomeGreeting: turn.Say,
            welcomeGreetingInterruptible: "any",
            interruptible: "any");
        var connect = new Connect(action: urls.VoiceRelayAction(reference), method: Twilio.Http.HttpMethod.Post);
        connect.Append(relay);
        return new VoiceResponse().Append(connect);
    }

    /// <summary>Twilio's speech languages are region-qualified: "en" alone is not accepted.</summary>
    internal static string SayLanguage(string language) =>
        language.Equals("en", StringComparison.OrdinalIgnoreCase) ? "en-US"
        : language.Equals("zh", StringComparison.OrdinalIgnoreCase)
            || language.Equals("zh-Hans", StringComparison.OrdinalIgnoreCase)
            || language.Equals("cmn", StringComparison.OrdinalIgnoreCase) ? "zh-CN"
        : language;

    /// <summary>The configured voice of the language or of its primary subtag; null (Twilio's default voice) when none.</summary>
    private Say.VoiceEnum? VoiceFor(string language)
    {
        var voices = options.CurrentValue.Voices;
        var dash = language.IndexOf('-', StringComparison.Ordinal);
        if (voices.TryGetValue(language, out var voice) || (dash > 0 && voices.TryGetValue(language[..dash], out voice)))
        {
            return voice;
        }

        // Null itself, not a VoiceEnum of null: the SDK would write that as voice="" (or fail).
        return null;
    }

    private static Gather ListenAfter(string text, string language, Say.VoiceEnum? voice, Uri action)
    {
        var gather = new Gather(
            input: [Gather.InputEnum.Speech, Gather.InputEnum.Dtmf],
            action: action,
            method: Twilio.Http.HttpMethod.Post,
            timeout: GatherTimeoutSeconds,
            speechTimeout: "auto",
            numDigits: 1,
            language: language,
            actionOnEmptyResult: false);
        if (!string.IsNullOrWhiteSpace(text))
        {
            gather.Say(text, voice: voice, language: language);
        }

        return gather;
    }

    private static void SayIfAny(VoiceResponse response, string? text, string language, Say.VoiceEnum? voice)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            response.Say(text, voice: voice, language: language);
        }
    }
}
