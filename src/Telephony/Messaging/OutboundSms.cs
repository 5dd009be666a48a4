namespace Outreach.Telephony.Messaging;

/// <summary>An SMS to send. <paramref name="Reference"/> is our own delivery id, echoed in the status callback URL.</summary>
public sealed record OutboundSms(string To, string Body, string? Reference = null);
