using Outreach.Telephony.Messaging;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Voice;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Conformance;

/// <summary>
/// Conformance against Twilio's own OpenAPI description, with Prism: in mock mode in front of the app (every
/// request the app sends is valid), and in proxy mode with --errors in front of the emulator (every response
/// the emulator returns is valid; Prism turns a violation into an error the SDK sees).
/// </summary>
public sealed class TwilioOpenApiConformanceTests
{
    private static string CorrectedSpec() =>
        TwilioSpecCorrections.Write(PrismServer.SpecPath(), Path.Combine(Path.GetTempPath(), "outreach-tests", "twilio-oai"));

    [RequiresNodeFact]
    public async Task Every_request_the_app_sends_is_valid()
    {
        await using var prism = await PrismServer.StartAsync("mock", CorrectedSpec());
        await using var host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?> { ["Twilio:ApiBaseUrl"] = prism.BaseUrl });
        var sms = host.Get<ISmsSender>();
        var calls = host.Get<ICallPlacer>();

        var sent = await sms.SendAsync(new OutboundSms("+8613800000001", "您好，周六上午社区接种疫苗。", "delivery-1"), CancellationToken.None);
        var placed = await calls.PlaceAsync(new OutboundCall("+8613800000001", "delivery-2"), CancellationToken.None);
        var messageStatus = await sms.FetchStatusAsync("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", CancellationToken.None);
        var callStatus = await calls.FetchStatusAsync("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", CancellationToken.None);
        await sms.ListSentAsync("+8613800000001", DateTimeOffset.MinValue, CancellationToken.None);
        await calls.ListPlacedAsync("+8613800000001", DateTimeOffset.MinValue, CancellationToken.None);
        await host.Get<TwilioCallPlacer>().UpdateTwimlAsync("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "<Response><Hangup/></Response>", CancellationToken.None);

        Assert.True(sent.Accepted, $"Prism refused the SMS request: {sent.ErrorMessage}{Environment.NewLine}{prism.Log}");
        Assert.True(placed.Accepted, $"Prism refused the call request: {placed.ErrorMessage}{Environment.NewLine}{prism.Log}");
        Assert.NotNull(messageStatus);
        Assert.NotNull(callStatus);
        Assert.DoesNotContain("UNPROCESSABLE_ENTITY", prism.Log, StringComparison.Ordinal);
    }

    [RequiresNodeFact]
    public async Task Every_response_the_emulator_returns_is_valid()
    {
        await using var emulator = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Phones:+8613800000002:Answer"] = "Landline",
            ["Emulator:Phones:+8613800000003:Answer"] = "Busy",
        });
        await using var prism = await PrismServer.StartAsync("proxy", CorrectedSpec(), emulator.BaseUrl + "/emulator", "--errors");
        await using var app = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:ApiBaseUrl"] = prism.BaseUrl,
            ["Twilio:PublicBaseUrl"] = emulator.BaseUrl,
        });
        var sms = app.Get<ISmsSender>();
        var calls = app.Get<ICallPlacer>();

        var sent = await sms.SendAsync(new OutboundSms("+8613800000001", "Water cut on Tuesday 9-12.", "delivery-1"), CancellationToken.None);
        Assert.True(sent.Accepted, $"{sent.ErrorMessage}{Environment.NewLine}{prism.Log}");
        var delivered = await Eventually.UntilAsync(() => sms.FetchStatusAsync(sent.MessageSid!, CancellationToken.None), s => s == "delivered", what: "delivered through Prism");
        var listed = await sms.ListSentAsync("+8613800000001", DateTimeOffset.MinValue, CancellationToken.None);
        var landline = await sms.SendAsync(new OutboundSms("+8613800000002", "Hello"), CancellationToken.None);
        var placed = await calls.PlaceAsync(new OutboundCall("+8613800000003", "delivery-2"), CancellationToken.None);
        Assert.True(placed.Accepted, $"{placed.ErrorMessage}{Environment.NewLine}{prism.Log}");
        var busy = await Eventually.UntilAsync(() => calls.FetchStatusAsync(placed.CallSid!, CancellationToken.None), s => s == "busy", what: "busy through Prism");
        var placedList = await calls.ListPlacedAsync("+8613800000003", DateTimeOffset.MinValue, CancellationToken.None);

        Assert.Equal("delivered", delivered);
        Assert.Contains(listed, m => m.MessageSid == sent.MessageSid);
        Assert.Equal(21614, landline.ErrorCode);
        Assert.Equal("busy", busy);
        Assert.Contains(placedList, c => c.CallSid == placed.CallSid);
        Assert.DoesNotContain("VIOLATIONS", prism.Log, StringComparison.Ordinal);
    }
}
