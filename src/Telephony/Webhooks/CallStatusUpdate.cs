namespace Outreach.Telephony.Webhooks;

/// <summary>A call status callback (initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled).</summary>
public sealed record CallStatusUpdate(string CallSid, string Status, string? Reference, string? AnsweredBy, int? DurationSeconds, DateTimeOffset ReceivedAt);
