namespace Outreach.Telephony.Voice;

/// <summary>Places outbound calls through Twilio's REST API.</summary>
public interface ICallPlacer
{
    Task<CallPlaceResult> PlaceAsync(OutboundCall outboundCall, CancellationToken cancellationToken);

    Task<string?> FetchStatusAsync(string callSid, CancellationToken cancellationToken);
}
