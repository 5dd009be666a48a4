using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Xml.Linq;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Relay;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Voice;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Relay;

/// <summary>
/// ConversationRelay in a real Kestrel: the answer webhook's TwiML, the signed WebSocket upgrade, the protocol as a
/// real WebSocket client speaks it, and whole calls played by the emulator.
/// </summary>
public sealed class ConversationRelayEndpointTests : IAsyncLifetime
{
    private const string Confirms = "+8613900000011";
    private const string Interrupts = "+8613900000012";
    private const string PressesOne = "+8613900000013";
    private const string WantsAPerson = "+8613900000014";

    private TelephonyTestHost host = null!;

    public async Task InitializeAsync() => host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Twilio:VoiceMode"] = "ConversationRelay",
        [$"Emulator:Phones:{Confirms}:Replies:0:Speech"] = "我确认参加",
        [$"Emulator:Phones:{Confirms}:Replies:1:Speech"] = "再见",
        [$"Emulator:Phones:{Interrupts}:Replies:0:Speech"] = "我确认参加",
        [$"Emulator:Phones:{Interrupts}:Replies:0:Interrupts"] = "true",
        [$"Emulator:Phones:{Interrupts}:Replies:1:Speech"] = "再见",
        [$"Emulator:Phones:{PressesOne}:Replies:0:Digits"] = "1",
        [$"Emulator:Phones:{WantsAPerson}:Replies:0:Speech"] = "转人工",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Answer_webhook_connects_the_call_to_the_relay_socket_with_the_notice_as_greeting()
    {
        var twiml = XDocument.Parse(await AnswerAsync("CA" + new string('a', 32), "delivery-9"));

        var connect = Assert.Single(twiml.Root!.Elements("Connect"));
        Assert.Equal($"{host.BaseUrl}/twilio/voice/relay/action?ref=delivery-9", connect.Attribute("action")?.Value);
        var relay = Assert.Single(connect.Elements("ConversationRelay"));
        Assert.Equal($"{TwilioWebhookUrlsWs()}?callSid=CA{new string('a', 32)}", relay.Attribute("url")?.Value);
        Assert.Equal(RecordingHandlers.Notice, relay.Attribute("welcomeGreeting")?.Value);
        Assert.Equal("true", relay.Attribute("dtmfDetection")?.Value);
        Assert.Equal("zh-CN", relay.Attribute("language")?.Value);
    }

    [Fact]
    public async Task Prompt_is_answered_with_tokens_streamed_then_last()
    {
        var callSid = "CA" + new string('b', 32);
        await AnswerAsync(callSid, "delivery-10");
        using var socket = await ConnectAsync(callSid, sign: true);
        using var relay = new RelaySocket(socket);

        await relay.SendAsync(new RelayMessage { Type = "setup", CallSid = callSid, From = "+8613800000001", To = "+8657188880000" }, CancellationToken.None);
        await relay.SendAsync(new RelayMessage { Type = "prompt", VoicePrompt = "我确认参加", Lang = "zh-CN", Last = true }, CancellationToken.None);
        var answer = await AnswerAsync(relay);

        Assert.Equal(["谢谢，", "已确认。", "还有其他问题吗？", string.Empty], answer.Select(m => m.Token));
        Assert.All(answer, m => Assert.Equal("text", m.Type));
        Assert.Equal([false, false, false, true], answer.Select(m => m.Last ?? false));
        var (call, prompt) = Assert.Single(host.Handlers.RelayPrompts, p => p.Call.CallSid == callSid);
        Assert.Equal("delivery-10", call.Reference);
        Assert.Equal("我确认参加", prompt.Speech);
    }

    [Fact]
    public async Task The_socket_may_reach_another_server_than_the_one_that_answered_the_call()
    {
        // A second server on the same database, as behind a load balancer without sticky routing.
        await using var other = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:VoiceMode"] = "ConversationRelay",
            ["Database:ConnectionString"] = host.DatabaseConnectionString,
        });
        var callSid = "CA" + new string('f', 32);
        await AnswerAsync(callSid, "delivery-20");
        using var socket = await ConnectAsync(callSid, sign: true, on: other);
        using var relay = new RelaySocket(socket);

        await relay.SendAsync(new RelayMessage { Type = "setup", CallSid = callSid, From = "+8613800000001", To = "+8657188880000" }, CancellationToken.None);
        await relay.SendAsync(new RelayMessage { Type = "prompt", VoicePrompt = "我确认参加", Lang = "zh-CN", Last = true }, CancellationToken.None);
        var answer = await AnswerAsync(relay);

        Assert.Equal(["谢谢，", "已确认。", "还有其他问题吗？", string.Empty], answer.Select(m => m.Token));
        var (call, _) = Assert.Single(other.Handlers.RelayPrompts, p => p.Call.CallSid == callSid);
        Assert.Equal(("delivery-20", "+8657188880000", "+8613800000001"), (call.Reference, call.From, call.To));
        Assert.DoesNotContain(host.Handlers.RelayPrompts, p => p.Call.CallSid == callSid);
    }

    [Fact]
    public async Task Dtmf_and_handoff_end_the_session_with_the_on_duty_number()
    {
        var callSid = "CA" + new string('c', 32);
        await AnswerAsync(callSid, "delivery-11");
        using var socket = await ConnectAsync(callSid, sign: true);
        using var relay = new RelaySocket(socket);
        await relay.SendAsync(new RelayMessage { Type = "setup", CallSid = callSid }, CancellationToken.None);

        await relay.SendAsync(new RelayMessage { Type = "dtmf", Digit = "1" }, CancellationToken.None);
        var afterDigit = await AnswerAsync(relay);
        await relay.SendAsync(new RelayMessage { Type = "prompt", VoicePrompt = "转人工", Last = true }, CancellationToken.None);
        var afterHandoff = await AnswerAsync(relay);
        var end = await relay.ReceiveAsync(CancellationToken.None);

        Assert.True(afterDigit[^1].Last);
        Assert.Equal("1", host.Handlers.RelayPrompts.First(p => p.Call.CallSid == callSid).Prompt.Digits);
        Assert.Equal("正在为您转接。", afterHandoff[0].Token);
        Assert.Equal("end", end!.Type);
        Assert.Equal(new RelayHandoff(RelayHandoff.LiveAgentHandoff, RecordingHandlers.OnDutyNumber), RelayHandoff.Parse(end.HandoffData));
    }

    [Fact]
    public async Task Upgrade_without_a_valid_signature_is_refused_with_403()
    {
        var callSid = "CA" + new string('d', 32);
        await AnswerAsync(callSid, "delivery-12");

        var unsigned = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(callSid, sign: false));
        var forged = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(callSid, sign: true, authToken: "not-the-token"));

        Assert.Contains("403", unsigned.Message, StringComparison.Ordinal);
        Assert.Contains("403", forged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Handlers.RelayPrompts, p => p.Call.CallSid == callSid);
    }

    [Fact]
    public async Task Session_for_a_call_not_answered_here_is_closed_before_any_prompt()
    {
        var callSid = "CA" + new string('e', 32);
        using var socket = await ConnectAsync(callSid, sign: true);
        using var relay = new RelaySocket(socket);

        // The setup claims a call this server never answered: its contents bind nothing.
        await relay.SendAsync(new RelayMessage { Type = "setup", CallSid = callSid, From = "+8613800000001" }, CancellationToken.None);
        var next = await relay.ReceiveAsync(CancellationToken.None);

        Assert.Null(next);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
    }

    [Fact]
    public async Task Emulated_call_confirms_over_the_relay_then_says_goodbye()
    {
        var callSid = await PlaceAsync(Confirms, "delivery-13");

        var transcript = await host.TranscriptOf(callSid);
        var said = transcript.Where(l => l.Kind == "say").Select(l => l.Text).ToList();

        Assert.Equal([RecordingHandlers.Notice, "谢谢，已确认。还有其他问题吗？", RecordingHandlers.Goodbye], said);
        Assert.Contains(transcript, l => l.Kind == "speech" && l.Text == "我确认参加");
        Assert.Contains(transcript, l => l.Kind == "relay-end" && l.Text.Contains("goodbye", StringComparison.Ordinal));
        Assert.Equal(["我确认参加", "再见"], host.Handlers.RelayPrompts.Where(p => p.Call.CallSid == callSid).Select(p => p.Prompt.Speech));
        Assert.All(host.Handlers.RelayPrompts.Where(p => p.Call.CallSid == callSid), p => Assert.Equal("delivery-13", p.Call.Reference));
    }

    [Fact]
    public async Task Emulated_resident_interrupts_the_answer_and_the_session_goes_on()
    {
        var callSid = await PlaceAsync(Interrupts, "delivery-14");

        var transcript = await host.TranscriptOf(callSid);

        var interrupt = Assert.Single(transcript, l => l.Kind == "interrupt");
        Assert.StartsWith(interrupt.Text, "谢谢，已确认。还有其他问题吗？", StringComparison.Ordinal);
        Assert.Equal(RecordingHandlers.Goodbye, transcript.Last(l => l.Kind == "say").Text);
        Assert.Equal(2, host.Handlers.RelayPrompts.Count(p => p.Call.CallSid == callSid));
    }

    [Fact]
    public async Task Emulated_digits_reach_the_relay_as_dtmf()
    {
        var callSid = await PlaceAsync(PressesOne, "delivery-15");

        var transcript = await host.TranscriptOf(callSid);

        Assert.Contains(transcript, l => l.Kind == "digits" && l.Text == "1");
        Assert.Equal("1", host.Handlers.RelayPrompts.Single(p => p.Call.CallSid == callSid).Prompt.Digits);
    }

    [Fact]
    public async Task Emulated_handoff_dials_the_on_duty_number_through_the_connect_action()
    {
        var callSid = await PlaceAsync(WantsAPerson, "delivery-16");

        var transcript = await host.TranscriptOf(callSid);

        Assert.Contains(transcript, l => l.Kind == "say" && l.Text == "正在为您转接。");
        Assert.Contains(transcript, l => l.Kind == "dial" && l.Text == RecordingHandlers.OnDutyNumber);
    }

    private string TwilioWebhookUrlsWs(TelephonyTestHost? on = null) => "ws://" + (on ?? host).BaseUrl["http://".Length..] + "/twilio/voice/relay";

    private async Task<string> AnswerAsync(string callSid, string reference)
    {
        var path = $"/twilio/voice/answer?ref={reference}";
        var form = new Dictionary<string, string> { ["CallSid"] = callSid, ["From"] = "+8657188880000", ["To"] = "+8613800000001", ["CallStatus"] = "in-progress" };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(TelephonyTestHost.AuthToken, host.BaseUrl + path, form));
        using var client = host.Client();
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<ClientWebSocket> ConnectAsync(string callSid, bool sign, string authToken = TelephonyTestHost.AuthToken, TelephonyTestHost? on = null)
    {
        var url = new Uri($"{TwilioWebhookUrlsWs(on)}?callSid={callSid}");
        var socket = new ClientWebSocket();
        if (sign)
        {
            socket.Options.SetRequestHeader("X-Twilio-Signature", TwilioSignature.Compute(authToken, url.OriginalString, []));
        }

        try
        {
            await socket.ConnectAsync(url, CancellationToken.None);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<List<RelayMessage>> AnswerAsync(RelaySocket relay)
    {
        var messages = new List<RelayMessage>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await relay.ReceiveAsync(timeout.Token) is { } message)
        {
            messages.Add(message);
            if (message is { Type: "text", Last: true })
            {
                break;
            }
        }

        return messages;
    }

    private async Task<string> PlaceAsync(string number, string reference)
    {
        var placed = await host.Get<ICallPlacer>().PlaceAsync(new OutboundCall(number, reference, DetectAnsweringMachine: false), CancellationToken.None);
        Assert.True(placed.Accepted);
        await Eventually.UntilAsync(
            () => Task.FromResult(host.Handlers.CallStatuses.Any(s => s.CallSid == placed.CallSid && s.Status == "completed")),
            what: "the relay call to complete");
        return placed.CallSid!;
    }

}
