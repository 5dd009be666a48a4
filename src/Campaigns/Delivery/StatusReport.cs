namespace Outreach.Campaigns.Delivery;

/// <summary>A status for an attempt, found by our own id (the callback's Reference) or by Twilio's SID.</summary>
public sealed record StatusReport(long? AttemptId, string? ProviderSid, DeliveryStatus Status, int? ErrorCode = null, string? AnsweredBy = null);
