namespace Outreach.Telephony.Messaging;

/// <summary>Sends SMS through Twilio's REST API (or anything that speaks it).</summary>
public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken);

    /// <summary>Looks a message up by its SID, for attempts whose fate a crash left unknown.</summary>
    Task<string?> FetchStatusAsync(string messageSid, CancellationToken cancellationToken);
}
