namespace Outreach.Campaigns.Delivery;

/// <summary>
/// A status for an attempt, found by our own id: every status callback URL we give Twilio carries it as the reference,
/// and Twilio posts to exactly that URL. The SID is kept for an attempt that has none yet.
/// </summary>
public sealed record StatusReport(long AttemptId, string? ProviderSid, DeliveryStatus Status, int? ErrorCode = null, string? AnsweredBy = null)
{
    /// <summary>
    /// Of two reports on one attempt, the higher-ranked one (of equal ones, this one), keeping what only the other knew:
    /// a call's "completed" may come without the answering-machine verdict its "in-progress" carried.
    /// </summary>
    public StatusReport Over(StatusReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (high, low) = DeliveryStates.Rank(other.Status) > DeliveryStates.Rank(Status) ? (other, this) : (this, other);
        var adds = (high.ProviderSid is null && low.ProviderSid is not null) || (high.ErrorCode is null && low.ErrorCode is not null)
            || (high.AnsweredBy is null && low.AnsweredBy is not null);
        return adds
            ? high with { ProviderSid = high.ProviderSid ?? low.ProviderSid, ErrorCode = high.ErrorCode ?? low.ErrorCode, AnsweredBy = high.AnsweredBy ?? low.AnsweredBy }
            : high;
    }
}
