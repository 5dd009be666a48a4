namespace Outreach.Telephony.Voice;

/// <summary>A call as Twilio's list API reports it.</summary>
public sealed record PlacedCall(string CallSid, string To, string Status, DateTimeOffset? DateCreated);
