using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Telephony.Rest;
using Outreach.Telephony.Webhooks;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Outreach.Telephony.Voice;

/// <summary>Places notice calls with the Twilio SDK: answer and status webhooks carry our reference; AMD runs asynchronously.</summary>
internal sealed class TwilioCallPlacer(
    ITwilioRestClient client,
    IOptionsMonitor<TwilioOptions> options,
    TwilioWebhookUrls urls,
    ILogger<TwilioCallPlacer> logger) : ICallPlacer
{
    private const int ListLimit = 200;

    private static readonly List<string> StatusEvents = ["initiated", "ringing", "answered", "completed"];

    public async Task<CallPlaceResult> PlaceAsync(OutboundCall outboundCall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outboundCall);
        var create = new CreateCallOptions(new PhoneNumber(outboundCall.To), new PhoneNumber(options.CurrentValue.FromNumber))
        {
            Url = urls.VoiceAnswer(outboundCall.Reference),
            Method = Twilio.Http.HttpMethod.Post,
            StatusCallback = urls.VoiceStatus(outboundCall.Reference),
            StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
            StatusCallbackEvent = StatusEvents,
        };
        if (outboundCall.DetectAnsweringMachine)
        {
            // Wait for the greeting's end so a voicemail is left after the beep, not over the greeting.
            create.MachineDetection = "DetectMessageEnd";
            create.AsyncAmd = "true";
            create.AsyncAmdStatusCallback = urls.VoiceAmd(outboundCall.Reference);
            create.AsyncAmdStatusCallbackMethod = Twilio.Http.HttpMethod.Post;
        }

        var (call, failure) = await TwilioApi.CreateAsync(() => CallResource.CreateAsync(create, client), cancellationToken);
        if (failure is not null)
        {
            logger.LogWarning("Call to {To} not accepted: {Disposition} (code {Code}): {Message}", PhoneMask.Mask(outboundCall.To), failure.Disposition, failure.Code, failure.Message);
            return new CallPlaceResult(failure.Disposition, null, failure.Code, failure.Message, failure.RetryAfter);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Call {CallSid} to {To} accepted", call!.Sid, PhoneMask.Mask(outboundCall.To));
        }

        return new CallPlaceResult(SendDisposition.Accepted, call!.Sid);
    }

    public async Task<string?> FetchStatusAsync(string callSid, CancellationToken cancellationToken) =>
        (await TwilioApi.FetchAsync(() => CallResource.FetchAsync(new FetchCallOptions(callSid), client), cancellationToken))?.Status?.ToString();

    public Task<IReadOnlyList<PlacedCall>> ListPlacedAsync(string recipient, DateTimeOffset placedAfter, CancellationToken cancellationToken)
    {
        var read = new ReadCallOptions
        {
            To = new PhoneNumber(recipient),
            From = new PhoneNumber(options.CurrentValue.FromNumber),
            PageSize = ListLimit,
            Limit = ListLimit,
        };
        return TwilioApi.ReadRecentAsync(
            () => CallResource.ReadAsync(read, client),
            c => c.DateCreated,
            placedAfter,
            c => new PlacedCall(c.Sid, c.To, c.Status?.ToString() ?? "unknown", TwilioDates.AsUtc(c.DateCreated)),
            cancellationToken);
    }

    /// <summary>Replaces what a live call is doing (Twilio's "modify a call in progress"), e.g. to leave a voicemail.</summary>
    internal async Task UpdateTwimlAsync(string callSid, string twiml, CancellationToken cancellationToken)
    {
        using var scope = TwilioRequestScope.Begin(cancellationToken);
        await CallResource.UpdateAsync(new UpdateCallOptions(callSid) { Twiml = new Twiml(twiml) }, client).WaitAsync(cancellationToken);
    }
}
