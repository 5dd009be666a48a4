namespace Outreach.Telephony.Webhooks;

/// <summary>Takes status callbacks. Callbacks can repeat and arrive out of order; handlers keep states monotonic.</summary>
public interface IDeliveryStatusHandler
{
    Task HandleMessageStatusAsync(MessageStatusUpdate update, CancellationToken cancellationToken);

    Task HandleCallStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken);
}
