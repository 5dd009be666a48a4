using System.Net.Http.Json;
using System.Text.Json;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Voice;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Voice;

/// <summary>Notice calls through the real SDK, played by the emulator's TwiML interpreter against the real webhooks.</summary>
public sealed class TwilioCallPlacerTests : IAsyncLifetime
{
    private const string PressesOne = "+8613900000001";
    private const string Busy = "+8613900000002";
    private const string Machine = "+8613900000003";
    private const string Silent = "+8613900000004";
    private const string AsksForAPerson = "+8613900000005";
    private const string PersonOnThePage = "+8613900000006";

    private TelephonyTestHost host = null!;

    public async Task InitializeAsync() => host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
    {
        [$"Emulator:Phones:{PressesOne}:Replies:0:Digits"] = "1",
        [$"Emulator:Phones:{Busy}:Answer"] = "Busy",
        [$"Emulator:Phones:{Machine}:Answer"] = "Voicemail",
        [$"Emulator:Phones:{AsksForAPerson}:Replies:0:Speech"] = "我要找人",
        [$"Emulator:Phones:{PersonOnThePage}:Answer"] = "Interactive",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private ICallPlacer Calls => host.Get<ICallPlacer>();

    [Fact]
    public async Task Resident_who_presses_one_reaches_the_conversation_with_digits_one()
    {
        var placed = await Calls.PlaceAsync(new OutboundCall(PressesOne, "delivery-1"), CancellationToken.None);

        Assert.Equal(SendDisposition.Accepted, placed.Disposition);
        Assert.Matches("^CA[0-9a-f]{32}$", placed.CallSid);
        var inputs = await InputsOf(placed.CallSid!, count: 2);
        Assert.True(inputs[0].IsAnswer);
        Assert.Equal("1", inputs[1].Digits);
        Assert.Equal("delivery-1", inputs[1].Reference);
        var statuses = await FinalStatusesOf(placed.CallSid!);
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], statuses);
        var transcript = await host.TranscriptOf(placed.CallSid!);
        Assert.Contains(transcript, line => line.Kind == "say" && line.Text == RecordingHandlers.Notice && line.Voice == "Polly.Zhiyu" && line.Language == "zh-CN");
        Assert.Contains(transcript, line => line.Kind == "say" && line.Text == RecordingHandlers.Thanks);
    }

    [Fact]
    public async Task Busy_line_ends_busy_without_a_conversation()
    {
        var placed = await Calls.PlaceAsync(new OutboundCall(Busy, "delivery-2"), CancellationToken.None);

        var statuses = await FinalStatusesOf(placed.CallSid!);

        Assert.Equal(["initiated", "ringing", "busy"], statuses);
        Assert.DoesNotContain(host.Handlers.CallInputs, input => input.CallSid == placed.CallSid);
    }

    [Fact]
    public async Task Answering_machine_gets_the_voicemail_turn()
    {
        var placed = await Calls.PlaceAsync(new OutboundCall(Machine, "delivery-3"), CancellationToken.None);

        await FinalStatusesOf(placed.CallSid!);
        var input = Assert.Single(host.Handlers.CallInputs, i => i.CallSid == placed.CallSid);
        Assert.Equal("machine_end_beep", input.AnsweredBy);
        var transcript = await host.TranscriptOf(placed.CallSid!);
        Assert.Contains(transcript, line => line.Text == RecordingHandlers.Voicemail);
        Assert.DoesNotContain(transcript, line => line.Text == RecordingHandlers.Notice);
    }

    [Fact]
    public async Task Silence_hears_the_reprompt_then_goodbye()
    {
        var placed = await Calls.PlaceAsync(new OutboundCall(Silent, "delivery-4", DetectAnsweringMachine: false), CancellationToken.None);

        await FinalStatusesOf(placed.CallSid!);
        var said = (await host.TranscriptOf(placed.CallSid!)).Where(l => l.Kind == "say").Select(l => l.Text).ToList();

        Assert.Equal([RecordingHandlers.Notice, RecordingHandlers.Reprompt, RecordingHandlers.Goodbye], said);
        Assert.Single(host.Handlers.CallInputs, i => i.CallSid == placed.CallSid);
    }

    [Fact]
    public async Task Asking_for_a_person_dials_the_on_duty_number()
    {
        var placed = await Calls.PlaceAsync(new OutboundCall(AsksForAPerson, "delivery-5"), CancellationToken.None);

        await FinalStatusesOf(placed.CallSid!);
        var inputs = host.Handlers.CallInputs.Where(i => i.CallSid == placed.CallSid).ToList();
        var transcript = await host.TranscriptOf(placed.CallSid!);

        Assert.Equal("我要找人", inputs[1].SpeechResult);
        Assert.Null(inputs[1].Digits);
        Assert.Contains(transcript, line => line.Kind == "dial" && line.Text == "+8657188889999");
    }

    [Fact]
    public async Task Fetch_and_list_find_a_placed_call()
    {
        var placed = await Calls.PlaceAsync(new OutboundCall(Busy, "delivery-6"), CancellationToken.None);
        await FinalStatusesOf(placed.CallSid!);

        Assert.Equal("busy", await Calls.FetchStatusAsync(placed.CallSid!, CancellationToken.None));
        Assert.Contains(await Calls.ListPlacedAsync(Busy, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None), c => c.CallSid == placed.CallSid);
        Assert.Null(await Calls.FetchStatusAsync("CA00000000000000000000000000000000", CancellationToken.None));
    }

    [Fact]
    public async Task Person_on_the_phone_page_answers_and_presses_two()
    {
        var placed = await Calls.PlaceAsync(new OutboundCall(PersonOnThePage, "delivery-7"), CancellationToken.None);
        using var client = host.Client();
        await Eventually.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/emulator/phones/{PersonOnThePage}/calls"))[0].GetProperty("status").GetString() == "ringing", what: "ringing");

        (await client.PostAsync($"/emulator/calls/{placed.CallSid}/answer", null)).EnsureSuccessStatusCode();
        await InputsOf(placed.CallSid!, count: 1);
        (await client.PostAsJsonAsync($"/emulator/calls/{placed.CallSid}/reply", new PhoneReply(Digits: "2"))).EnsureSuccessStatusCode();

        var inputs = await InputsOf(placed.CallSid!, count: 2);
        Assert.Equal("2", inputs[1].Digits);
        Assert.Equal("completed", (await FinalStatusesOf(placed.CallSid!))[^1]);
    }

    private async Task<List<Outreach.Telephony.Webhooks.CallInput>> InputsOf(string callSid, int count) =>
        await Eventually.UntilAsync(
            () => Task.FromResult(host.Handlers.CallInputs.Where(i => i.CallSid == callSid).ToList()),
            inputs => inputs.Count >= count,
            what: $"{count} call turns");

    private async Task<List<string>> FinalStatusesOf(string callSid) =>
        await Eventually.UntilAsync(
            () => Task.FromResult(host.Handlers.CallStatuses.Where(s => s.CallSid == callSid).Select(s => s.Status).ToList()),
            statuses => statuses.Count > 0 && statuses[^1] is "completed" or "busy" or "no-answer" or "failed",
            what: "the call's final status");

}
