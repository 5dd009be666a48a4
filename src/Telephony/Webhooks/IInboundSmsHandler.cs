namespace Outreach.Telephony.Webhooks;

/// <summary>Takes a resident's inbound SMS. Must be idempotent by MessageSid and return quickly (Twilio waits 15 s).</summary>
public interface IInboundSmsHandler
{
    Task HandleAsync(InboundSms message, CancellationToken cancellationToken);
}
