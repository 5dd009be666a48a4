using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Telephony.Rest;
using Outreach.Telephony.Webhooks;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Outreach.Telephony.Messaging;

/// <summary>Sends SMS with the Twilio SDK; the status callback URL carries our delivery reference.</summary>
internal sealed class TwilioSmsSender(
    ITwilioRestClient client,
    IOptionsMonitor<TwilioOptions> options,
    TwilioWebhookUrls urls,
    ILogger<TwilioSmsSender> logger) : ISmsSender
{
    private const int ListLimit = 200;

    public async Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var encoding = SmsSegments.Measure(sms.Body);
        var create = new CreateMessageOptions(new PhoneNumber(sms.To))
        {
            From = new PhoneNumber(options.CurrentValue.FromNumber),
            Body = sms.Body,
            StatusCallback = urls.SmsStatus(sms.Reference),
        };

        var (message, failure) = await TwilioApi.CreateAsync(() => MessageResource.CreateAsync(create, client), cancellationToken);
        if (failure is not null)
        {
            logger.LogWarning("SMS to {To} not accepted: {Disposition} (code {Code}): {Message}", PhoneMask.Mask(sms.To), failure.Disposition, failure.Code, failure.Message);
            return new SmsSendResult(failure.Disposition, null, failure.Code, failure.Message, failure.RetryAfter, encoding);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            // Masked only when it is logged: a campaign sends tens of thousands of these a minute.
            logger.LogDebug("SMS {MessageSid} to {To} accepted: {Segments} {Encoding} segment(s)", message!.Sid, PhoneMask.Mask(sms.To), encoding.Segments, encoding.Encoding);
        }

        return new SmsSendResult(SendDisposition.Accepted, message!.Sid, Encoding: encoding);
    }

    public async Task<string?> FetchStatusAsync(string messageSid, CancellationToken cancellationToken) =>
        (await TwilioApi.FetchAsync(() => MessageResource.FetchAsync(new FetchMessageOptions(messageSid), client), cancellationToken))?.Status?.ToString();

    public Task<IReadOnlyList<SentMessage>> ListSentAsync(string recipient, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        var read = new ReadMessageOptions
        {
            To = new PhoneNumber(recipient),
            From = new PhoneNumber(options.CurrentValue.FromNumber),
            PageSize = ListLimit,
            Limit = ListLimit,
        };
        return TwilioApi.ReadRecentAsync(
            () => MessageResource.ReadAsync(read, client),
            m => m.DateCreated,
            sentAfter,
            m => new SentMessage(m.Sid, m.To, m.Body, m.Status?.ToString() ?? "unknown", TwilioDates.AsUtc(m.DateCreated)),
            cancellationToken);
    }
}
