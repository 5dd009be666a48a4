using System.Xml;
using System.Xml.Linq;

namespace Outreach.Telephony.Emulator;

/// <summary>
/// Plays a call's TwiML: Say, Play, Pause, Gather (speech and dtmf, timeout, actionOnEmptyResult), Redirect,
/// Hangup, Dial, Connect/ConversationRelay. Fetches each document with a signed POST, as Twilio does, and writes a transcript.
/// Pauses and Gather timeouts are recorded, not waited for, so scripted calls run at machine speed.
/// </summary>
internal sealed class TwimlInterpreter(EmulatorWebhookClient webhooks, ConversationRelayClient relays, TimeProvider time)
{
    private const int MaxDocuments = 50;

    public async Task RunAsync(EmulatedCall call, ResidentReplies replies, CancellationToken cancellationToken)
    {
        // An update that came in while answering (the voicemail after AMD) replaces the answer URL outright.
        var document = await RedirectedAsync(call, cancellationToken)
            ?? (call.Twiml is { } inline ? new TwimlDocument(Parse(inline), call.Url) : await FetchAsync(call, call.Url!, [], cancellationToken));
        for (var fetched = 0; document is not null && fetched < MaxDocuments && !call.HangupRequested; fetched++)
        {
            document = await PlayAsync(call, document, replies, cancellationToken);
        }
    }

    /// <summary>Plays one document; returns the next one (Gather action, Redirect, REST update), or null when the call ends.</summary>
    private async Task<TwimlDocument?> PlayAsync(EmulatedCall call, TwimlDocument document, ResidentReplies replies, CancellationToken cancellationToken)
    {
        if (document.Root is null)
        {
            call.Say("call", "error", "An application error has occurred.", time.GetUtcNow());
            return null;
        }

        foreach (var verb in document.Root.Elements())
        {
            if (await RedirectedAsync(call, cancellationToken) is { } redirected)
            {
                return redirected;
            }

            if (call.HangupRequested)
            {
                return null;
            }

            switch (verb.Name.LocalName)
            {
                case "Say" or "Play" or "Pause":
                    Speak(call, verb);
                    break;
                case "Gather":
                    var next = await GatherAsync(call, document, verb, replies, cancellationToken);
                    if (next is not null)
                    {
                        return next;
                    }

                    break;
                case "Redirect":
                    return await FetchAsync(call, Resolve(document, verb.Value.Trim()), [], cancellationToken);
                case "Dial":
                    var number = verb.Element("Number")?.Value.Trim() ?? verb.Value.Trim();
                    call.Say("call", "dial", number, time.GetUtcNow());
                    if (Attribute(verb, "action") is { } dialAction)
                    {
                        return await FetchAsync(call, Resolve(document, dialAction), new() { ["DialCallStatus"] = "completed", ["DialCallDuration"] = "1" }, cancellationToken);
                    }

                    break;
                case "Connect":
                    var afterConnect = await ConnectAsync(call, document, verb, replies, cancellationToken);
                    if (afterConnect is not null || call.HangupRequested)
                    {
                        return afterConnect;
                    }

                    break;
                case "Hangup" or "Reject":
                    call.Say("call", "hangup", string.Empty, time.GetUtcNow());
                    return null;
                default:
                    call.Say("call", "unsupported", verb.Name.LocalName, time.GetUtcNow());
                    break;
            }
        }

        return await RedirectedAsync(call, cancellationToken);
    }

    private async Task<TwimlDocument?> GatherAsync(EmulatedCall call, TwimlDocument document, XElement gather, ResidentReplies replies, CancellationToken cancellationToken)
    {
        foreach (var nested in gather.Elements())
        {
            Speak(call, nested);
        }

        var input = Attribute(gather, "input") ?? "dtmf";
        var timeout = Attribute(gather, "timeout") ?? "5";
        call.Say("call", "listen", $"{input}, {timeout}s", time.GetUtcNow(), Attribute(gather, "language"));

        PhoneReply? reply;
        using (var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.Interrupted))
        {
            try
            {
                reply = await replies.NextAsync(time, listening.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await RedirectedAsync(call, cancellationToken);
            }
        }

        var action = Resolve(document, Attribute(gather, "action"));
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reply?.Digits is { Length: > 0 } digits && input.Contains("dtmf", StringComparison.Ordinal))
        {
            call.Say("resident", "digits", digits, time.GetUtcNow());
            parameters["Digits"] = digits;
            parameters["FinishedOnKey"] = string.Empty;
        }
        else if (reply?.Speech is { Length: > 0 } speech && input.Contains("speech", StringComparison.Ordinal))
        {
            call.Say("resident", "speech", speech, time.GetUtcNow());
            parameters["SpeechResult"] = speech;
            parameters["Confidence"] = "0.92";
        }
        else
        {
            call.Say("resident", "silence", string.Empty, time.GetUtcNow());
            var actionOnEmptyResult = string.Equals(Attribute(gather, "actionOnEmptyResult"), "true", StringComparison.OrdinalIgnoreCase);
            return actionOnEmptyResult ? await FetchAsync(call, action, parameters, cancellationToken) : null;
        }

        return await FetchAsync(call, action, parameters, cancellationToken);
    }

    /// <summary>Runs a ConversationRelay session; then the Connect action's TwiML, or null to go on with the next verb (none when the resident hung up).</summary>
    private async Task<TwimlDocument?> ConnectAsync(EmulatedCall call, TwimlDocument document, XElement connect, ResidentReplies replies, CancellationToken cancellationToken)
    {
        if (connect.Elements().FirstOrDefault(e => e.Name.LocalName == "ConversationRelay") is not { } relay)
        {
            call.Say("call", "unsupported", string.Join(' ', connect.Elements().Select(e => e.Name.LocalName)), time.GetUtcNow());
            return null;
        }

        var ended = await relays.RunAsync(call, relay, replies, cancellationToken);
        if (ended is null)
        {
            if (await RedirectedAsync(call, cancellationToken) is { } redirected)
            {
                return redirected;
            }

            call.RequestHangup();
            return null;
        }

        return Attribute(connect, "action") is { } action ? await FetchAsync(call, Resolve(document, action), ended, cancellationToken) : null;
    }

    private void Speak(EmulatedCall call, XElement verb)
    {
        var now = time.GetUtcNow();
        switch (verb.Name.LocalName)
        {
            case "Say":
                call.Say("call", "say", verb.Value.Trim(), now, Attribute(verb, "language"), Attribute(verb, "voice"));
                break;
            case "Play":
                call.Say("call", "play", verb.Value.Trim(), now);
                break;
            case "Pause":
                call.Say("call", "pause", Attribute(verb, "length") ?? "1", now);
                break;
            default:
                call.Say("call", "unsupported", verb.Name.LocalName, now);
                break;
        }
    }

    private async Task<TwimlDocument?> RedirectedAsync(EmulatedCall call, CancellationToken cancellationToken) => call.TakeRedirect() switch
    {
        string twiml => new TwimlDocument(Parse(twiml), call.Url),
        Uri url => await FetchAsync(call, url, [], cancellationToken),
        _ => null,
    };

    private async Task<TwimlDocument> FetchAsync(EmulatedCall call, Uri url, Dictionary<string, string> extra, CancellationToken cancellationToken)
    {
        var parameters = CallRunner.CallParameters(call);
        foreach (var (name, value) in extra)
        {
            parameters[name] = value;
        }

        var reply = await webhooks.PostAsync(url, parameters, cancellationToken);
        if (!reply.Succeeded)
        {
            call.Say("call", "error", $"Webhook {url} answered {reply.Status}", time.GetUtcNow());
            return new TwimlDocument(null, url);
        }

        return new TwimlDocument(Parse(reply.Body), url);
    }

    private static Uri Resolve(TwimlDocument document, string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return document.Url ?? throw new InvalidOperationException("A TwiML verb without a URL needs a document URL to fall back on.");
        }

        return document.Url is null ? new Uri(target) : new Uri(document.Url, target);
    }

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    private static XElement? Parse(string twiml)
    {
        try
        {
            var root = XDocument.Parse(twiml).Root;
            return root?.Name.LocalName == "Response" ? root : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private sealed record TwimlDocument(XElement? Root, Uri? Url);
}
