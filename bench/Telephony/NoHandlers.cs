using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Bench;

/// <summary>Counts delivered SMS callbacks, so the SMS run knows when the emulator has delivered everything.</summary>
internal sealed class NoHandlers : IInboundSmsHandler, IDeliveryStatusHandler
{
    private int delivered;

    public int Delivered => Volatile.Read(ref delivered);

    public Task HandleAsync(InboundSms message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task HandleMessageStatusAsync(MessageStatusUpdate update, CancellationToken cancellationToken)
    {
        if (update.Status == "delivered")
        {
            Interlocked.Increment(ref delivered);
        }

        return Task.CompletedTask;
    }

    public Task HandleCallStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken) => Task.CompletedTask;
}
