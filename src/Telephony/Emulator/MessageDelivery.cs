using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>
/// Delivers queued messages in the background with bounded concurrency and posts their status callbacks in
/// Twilio's order (sent, then delivered or undelivered), with the configured callback faults. As Twilio does, no
/// callback is posted for the initial status (queued): the create request's response already said it.
/// </summary>
internal sealed class MessageDelivery(
    EmulatorStore store,
    EmulatorWebhookClient webhooks,
    FaultInjector faults,
    IOptions<EmulatorOptions> options,
    TimeProvider time) : BackgroundService
{
    private const int UndeliveredCode = 30003;
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false });

    public void Enqueue(string messageSid) => queue.Writer.TryWrite(messageSid);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.DeliveryConcurrency)).Select(_ => DeliverAllAsync(stoppingToken)));

    private async Task DeliverAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var sid in queue.Reader.ReadAllAsync(cancellationToken))
            {
                await DeliverAsync(sid, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; the emulator keeps no state across restarts.
        }
    }

    private async Task DeliverAsync(string sid, CancellationToken cancellationToken)
    {
        var message = store.Message(sid);
        if (message is null || message.Status == "canceled")
        {
            return;
        }

        var behaviour = store.BehaviourOf(message.To);
        if (behaviour.Latency > TimeSpan.Zero)
        {
            await Task.Delay(behaviour.Latency, time, cancellationToken);
        }

        var now = time.GetUtcNow();
        EmulatedMessage[] callbacks =
        [
            store.Update(sid, m => m with { Status = "sent", DateSent = now, DateUpdated = now }),
            behaviour.Answer == PhoneAnswer.Fails
                ? store.Update(sid, m => m with { Status = "undelivered", ErrorCode = UndeliveredCode, ErrorMessage = "Unknown destination handset", DateUpdated = now })
                : store.Update(sid, m => m with { Status = "delivered", DateUpdated = now }),
        ];

        if (message.StatusCallback is null)
        {
            return;
        }

        var fault = faults.Current;
        if (faults.Roll(fault.ReorderCallbackRate))
        {
            (callbacks[0], callbacks[1]) = (callbacks[1], callbacks[0]);
        }

        foreach (var state in callbacks)
        {
            var parameters = StatusParameters(state);
            var token = EmulatorWebhookClient.NewIdempotencyToken();
            await webhooks.PostAsync(message.StatusCallback, parameters, cancellationToken, token);
            if (faults.Roll(fault.DuplicateCallbackRate))
            {
                // Twilio delivering the same callback again: the same token.
                await webhooks.PostAsync(message.StatusCallback, parameters, cancellationToken, token);
            }
        }
    }

    private static Dictionary<string, string> StatusParameters(EmulatedMessage message)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = message.AccountSid,
            ["ApiVersion"] = TwilioJson.ApiVersion,
            ["From"] = message.From,
            ["To"] = message.To,
            ["MessageSid"] = message.Sid,
            ["SmsSid"] = message.Sid,
            ["MessageStatus"] = message.Status,
            ["SmsStatus"] = message.Status,
        };
        if (message.ErrorCode is { } code)
        {
            parameters["ErrorCode"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return parameters;
    }
}
