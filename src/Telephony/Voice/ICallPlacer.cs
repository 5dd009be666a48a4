namespace Outreach.Telephony.Voice;

/// <summary>Places outbound calls through Twilio's REST API.</summary>
public interface ICallPlacer
{
    Task<CallPlaceResult> PlaceAsync(OutboundCall outboundCall, CancellationToken cancellationToken);

    /// <summary>Looks a call up by its SID. Null when unknown.</summary>
    Task<string?> FetchStatusAsync(string callSid, CancellationToken cancellationToken);

    /// <summary>Calls placed to <paramref name="recipient"/> since <paramref name="placedAfter"/>, for attempts whose fate a crash left unknown.</summary>
    Task<IReadOnlyList<PlacedCall>> ListPlacedAsync(string recipient, DateTimeOffset placedAfter, CancellationToken cancellationToken);
}
