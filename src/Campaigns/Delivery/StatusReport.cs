namespace Outreach.Campaigns.Delivery;

/// <summary>
/// A status for an attempt, found by our own id: every status callback URL we give Twilio carries it as the reference,
/// and Twilio posts to exactly that URL. The SID is kept for an attempt that has none yet.
/// </summary>
public sealed record StatusReport(long AttemptId, string? ProviderSid, DeliveryStatus Status, int? ErrorCode = null, string? AnsweredBy = null);
