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
        if (DeliveryStates.Parse(update.Status) is { } status && AttemptId(update.Reference) is { } attemptId)
        {
            await writer.WriteAsync(new StatusReport(attemptId, update.MessageSid, status, update.ErrorCode), cancellationToken);
        }
    }

    public async Task HandleCallStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (DeliveryStates.Parse(update.Status) is not { } status || AttemptId(update.Reference) is not { } attemptId)
        {
            return;
        }

        if (DeliveryStates.IsFinal(status))
        {
            throttle.CallEnded(attemptId);
        }

        await writer.WriteAsync(new StatusReport(attemptId, update.CallSid, status, null, update.AnsweredBy), cancellationToken);
    }

    /// <summary>
    /// Our references are attempt ids. A callback without one is not about an attempt (a reply SMS the agent sent, a
    /// call a resident placed), and is answered without being looked up.
    /// </summary>
    private static long? AttemptId(string? reference)
        => long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
