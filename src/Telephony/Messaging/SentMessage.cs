namespace Outreach.Telephony.Messaging;

/// <summary>A message as Twilio's list API reports it.</summary>
public sealed record SentMessage(string MessageSid, string To, string Body, string Status, DateTimeOffset? DateCreated);
