using Hangfire;
using Outreach.Campaigns.Storage;
using Outreach.Telephony.Webhooks;

namespace Outreach.Campaigns.Inbound;

/// <summary>
/// Takes a resident's SMS from the webhook: records it once per MessageSid and leaves the agent's work to a job,
/// so the webhook answers Twilio at once.
/// </summary>
public sealed class InboundSmsHandler(CampaignsDbContext db, IBackgroundJobClient jobs) : IInboundSmsHandler
{
    public async Task HandleAsync(InboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = new InboundMessage
        {
            MessageSid = message.MessageSid,
            From = message.From,
            To = message.To,
            Body = message.Body.Length > 2000 ? message.Body[..2000] : message.Body,
            ReceivedAt = message.ReceivedAt,
        };
        var inserted = await db.InsertNewAsync([row], null, cancellationToken);
        if (inserted.Count > 0)
        {
            var id = row.Id;
            jobs.Enqueue<InboundSmsJob>(j => j.ProcessAsync(id, CancellationToken.None));
        }
    }
}
