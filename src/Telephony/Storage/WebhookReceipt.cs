namespace Outreach.Telephony.Storage;

/// <summary>The first response to a webhook delivery with an I-Twilio-Idempotency-Token, replayed to Twilio's retries.</summary>
public sealed class WebhookReceipt
{
    public long Id { get; set; }

    /// <summary>The webhook's path and the token: unique.</summary>
    public required string Key { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Body { get; set; }
}
