using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Targets;
using Outreach.Telephony.Messaging;

namespace Outreach.Campaigns.Dispatch;

/// <summary>What Twilio said to one owned attempt; <paramref name="Body"/> is the SMS text sent (null for a call).</summary>
public sealed record SendOutcome(DeliveryAttempt Attempt, CampaignTarget Target, SendDisposition Disposition, string? Sid, int? ErrorCode, TimeSpan? RetryAfter, string? Body = null);
