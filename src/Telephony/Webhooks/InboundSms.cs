namespace Outreach.Telephony.Webhooks;

/// <summary>An SMS a resident sent to one of our numbers (Twilio's inbound message webhook).</summary>
public sealed record InboundSms(string MessageSid, string From, string To, string Body, DateTimeOffset ReceivedAt);
