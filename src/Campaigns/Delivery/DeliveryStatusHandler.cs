using System.Globalization;
using Outreach.Campaigns.Dispatch;
using Outreach.Telephony.Webhooks;

namespace Outreach.Campaigns.Delivery;

/// <summary>Takes Twilio's message and call status callbacks into the delivery state machine.</summary>
public sealed class DeliveryStatusHandler(DeliveryStatusWriter writer, DispatchThrottle throttle) : IDeliveryStatusHandler
{
    public async Task HandleMessageStatusAsync(MessageStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (DeliveryStates.Parse(update.Status) is { } status)
        {
            await writer.WriteAsync(new StatusReport(AttemptId(update.Reference), update.MessageSid, status, update.ErrorCode), cancellationToken);
        }
    }

    public async Task HandleCallStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (DeliveryStates.Parse(update.Status) is not { } status)
        {
            return;
        }

        var attemptId = AttemptId(update.Reference);
        if (DeliveryStates.IsFinal(status) && attemptId is { } id)
        {
            throttle.CallEnded(id);
        }

        await writer.WriteAsync(new StatusReport(attemptId, update.CallSid, status, null, update.AnsweredBy), cancellationToken);
    }

    /// <summary>Our references are attempt ids; anything else (a reply SMS, an inbound call) is found by SID or not at all.</summary>
    private static long? AttemptId(string? reference)
        => long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
