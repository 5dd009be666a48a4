using System.Globalization;
using System.Net.WebSockets;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Outreach.Telephony.Relay;

namespace Outreach.Telephony.Emulator;

/// <summary>
/// Plays &lt;Connect&gt;&lt;ConversationRelay&gt; as Twilio does, enough to drive the protocol: opens the WebSocket with a
/// signed upgrade, sends setup, speaks the welcome greeting, sends the resident's replies as prompts (or dtmf, or an
/// interrupt over an answer), collects each answer's text tokens until last, and honours end and its handoffData.
/// </summary>
internal sealed class ConversationRelayClient(IOptionsMonitor<TwilioOptions> twilio, IOptions<EmulatorOptions> options, TimeProvider time)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The &lt;Connect&gt; action's parameters when the session ended from our side (end, or a failure); null when the resident hung up.</summary>
    public async Task<Dictionary<string, string>?> RunAsync(EmulatedCall call, XElement relay, ResidentReplies replies, CancellationToken cancellationToken)
    {
        var url = new Uri(relay.Attribute("url")?.Value ?? string.Empty, UriKind.RelativeOrAbsolute);
        var sessionId = TwilioSid.New("VX");
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("X-Twilio-Signature", TwilioSignature.Compute(twilio.CurrentValue.AuthToken, url.OriginalString, []));
        try
        {
            await client.ConnectAsync(url, cancellationToken);
        }
        catch (Exception error) when (error is WebSocketException or ArgumentException or InvalidOperationException)
        {
            // Twilio's error 64102: unable to connect to the WebSocket URL.
            call.Say("call", "error", $"64102 ConversationRelay could not connect to {url}: {error.Message}", time.GetUtcNow());
            return Ended(sessionId, "failed", null);
        }

        using var socket = new RelaySocket(client);
        await socket.SendAsync(Setup(call, relay, sessionId), cancellationToken);
        var language = relay.Attribute("language")?.Value;
        if (relay.Attribute("welcomeGreeting")?.Value is { Length: > 0 } greeting)
        {
            call.Say("call", "say", greeting, time.GetUtcNow(), language);
        }

        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.Interrupted);
        try
        {
            while (true)
            {
                var reply = await replies.NextAsync(time, session.Token);
                if (reply is null)
                {
                    if (replies.IsLive)
                    {
                        continue;
                    }

                    if (await EndWithinPatienceAsync(call, socket, session.Token) is { } ended)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "session ended", cancellationToken);
                        return Ended(sessionId, "ended", ended);
                    }

                    call.Say("resident", "hangup", string.Empty, time.GetUtcNow());
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "caller hung up", cancellationToken);
                    return null;
                }

                if (await ExchangeAsync(call, socket, reply, language, session.Token) is { } handoffData)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "session ended", cancellationToken);
                    return Ended(sessionId, "ended", handoffData);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A REST update or hang-up replaced the call's TwiML: the session just stops.
            return null;
        }
    }

    /// <summary>The handoffData of an end message that follows the last answer within the resident's patience; else null.</summary>
    private async Task<string?> EndWithinPatienceAsync(EmulatedCall call, RelaySocket socket, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(options.Value.RelayPatience);
        try
        {
            while (await socket.ReceiveAsync(patience.Token) is { } message)
            {
                if (message.Type == "end")
                {
                    call.Say("call", "relay-end", message.HandoffData ?? string.Empty, time.GetUtcNow());
                    return message.HandoffData ?? string.Empty;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing more from the agent: the resident hangs up.
        }

        return null;
    }

    /// <summary>Sends one reply and reads the answers it gets; returns the handoffData when the server ended the session.</summary>
    private async Task<string?> ExchangeAsync(EmulatedCall call, RelaySocket socket, PhoneReply reply, string? language, CancellationToken cancellationToken)
    {
        var inputs = reply.Digits is { Length: > 0 } digits
            ? digits.Select(d => (Kind: "digits", Message: new RelayMessage { Type = "dtmf", Digit = d.ToString() })).ToList()
            : [("speech", new RelayMessage { Type = "prompt", VoicePrompt = reply.Speech ?? string.Empty, Lang = language, Last = true })];
        foreach (var (kind, message) in inputs)
        {
            call.Say("resident", kind, message.Digit ?? message.VoicePrompt ?? string.Empty, time.GetUtcNow());
            await socket.SendAsync(message, cancellationToken);
            if (await AnswerAsync(call, socket, reply.Interrupts, cancellationToken) is { } handoffData)
            {
                return handoffData;
            }
        }

        return null;
    }

    /// <summary>Collects one answer's tokens until last=true; null unless an end message came.</summary>
    private async Task<string?> AnswerAsync(EmulatedCall call, RelaySocket socket, bool interrupt, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(AnswerTimeout);
        var heard = new System.Text.StringBuilder();
        var interrupted = false;
        while (await socket.ReceiveAsync(waiting.Token) is { } message)
        {
            switch (message.Type)
            {
                case "text" when !interrupted:
                    heard.Append(message.Token);
                    if (interrupt && heard.Length > 0)
                    {
                        // The resident talks over the answer: what was heard so far is all they hear.
                        interrupted = true;
                        call.Say("resident", "interrupt", heard.ToString(), time.GetUtcNow());
                        await socket.SendAsync(new RelayMessage { Type = "interrupt", UtteranceUntilInterrupt = heard.ToString(), DurationUntilInterruptMs = System.Text.Json.JsonSerializer.SerializeToElement((heard.Length * 120).ToString(CultureInfo.InvariantCulture)) }, cancellationToken);
                    }

                    break;
                case "end":
                    Spoken(call, heard);
                    call.Say("call", "relay-end", message.HandoffData ?? string.Empty, time.GetUtcNow());
                    return message.HandoffData ?? string.Empty;
                default:
                    if (message.Type != "text")
                    {
                        call.Say("call", "unsupported", $"relay message {message.Type}", time.GetUtcNow());
                    }

                    break;
            }

            if (message is { Type: "text", Last: true })
            {
                Spoken(call, heard);
                return null;
            }
        }

        return null;
    }

    private void Spoken(EmulatedCall call, System.Text.StringBuilder heard)
    {
        if (heard.Length > 0)
        {
            call.Say("call", "say", heard.ToString(), time.GetUtcNow());
            heard.Clear();
        }
    }

    private static RelayMessage Setup(EmulatedCall call, XElement relay, string sessionId) => new()
    {
        Type = "setup",
        SessionId = sessionId,
        AccountSid = call.AccountSid,
        CallSid = call.Sid,
        From = call.From,
        To = call.To,
        Direction = call.Direction,
        CallStatus = "IN-PROGRESS",
        CustomParameters = relay.Elements().Where(e => e.Name.LocalName == "Parameter")
            .ToDictionary(e => e.Attribute("name")?.Value ?? string.Empty, e => e.Attribute("value")?.Value ?? string.Empty, StringComparer.Ordinal),
    };

    private static Dictionary<string, string> Ended(string sessionId, string status, string? handoffData)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["SessionId"] = sessionId, ["SessionStatus"] = status };
        if (handoffData is not null)
        {
            parameters["HandoffData"] = handoffData;
        }

        return parameters;
    }
}
