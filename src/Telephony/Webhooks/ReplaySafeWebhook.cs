namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Endpoint metadata for a webhook that a replay cannot change: a status callback is applied by the rank of its status,
/// so a repeated one moves nothing. No idempotency receipt is written for it, which would otherwise be one more write
/// per callback at the rate a campaign sends (Twilio puts an I-Twilio-Idempotency-Token on every webhook).
/// </summary>
internal sealed class ReplaySafeWebhook
{
    public static readonly ReplaySafeWebhook Instance = new();

    private ReplaySafeWebhook()
    {
    }
}
