namespace Outreach.Telephony.Storage;

/// <summary>
/// A call handed to ConversationRelay, as its signed answer webhook described it: the WebSocket session that follows binds
/// to it, on whichever server the socket reaches.
/// </summary>
public sealed class RelayCall
{
    public required string CallSid { get; set; }

    public required string From { get; set; }

    public required string To { get; set; }

    /// <summary>Our reference for the call (the delivery attempt), from the webhook's URL.</summary>
    public string? Reference { get; set; }

    public string? AnsweredBy { get; set; }

    /// <summary>When the answer webhook came; entries older than two hours are pruned.</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}
