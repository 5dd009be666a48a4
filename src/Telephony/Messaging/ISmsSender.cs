namespace Outreach.Telephony.Messaging;

/// <summary>Sends SMS through Twilio's REST API (or anything that speaks it).</summary>
public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken);

    /// <summary>Looks a message up by its SID, for attempts whose status callbacks were lost. Null when unknown.</summary>
    Task<string?> FetchStatusAsync(string messageSid, CancellationToken cancellationToken);

    /// <summary>
    /// Messages sent to <paramref name="recipient"/> since <paramref name="sentAfter"/> (Twilio's list API), for attempts
    /// whose fate a crash left unknown (decided, but no SID stored).
    /// </summary>
    Task<IReadOnlyList<SentMessage>> ListSentAsync(string recipient, DateTimeOffset sentAfter, CancellationToken cancellationToken);
}
