namespace Outreach.Telephony.Webhooks;

/// <summary>A message status callback. <paramref name="Reference"/> is the delivery id we put in the callback URL.</summary>
public sealed record MessageStatusUpdate(string MessageSid, string Status, string? Reference, int? ErrorCode, DateTimeOffset ReceivedAt);
