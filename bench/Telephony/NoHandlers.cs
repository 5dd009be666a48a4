using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Bench;

/// <summary>The benchmark exercises voice turns only; SMS and status webhooks are not called.</summary>
internal sealed class NoHandlers : IInboundSmsHandler, IDeliveryStatusHandler
{
    public Task HandleAsync(InboundSms message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task HandleMessageStatusAsync(MessageStatusUpdate update, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task HandleCallStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken) => Task.CompletedTask;
}
