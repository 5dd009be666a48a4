using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Outreach.Telephony.Webhooks;

/// <summary>Every hour, forgets idempotency tokens older than Twilio:IdempotencyRetention (24 h by default).</summary>
internal sealed partial class WebhookReceiptPruner(WebhookIdempotency idempotency, TimeProvider time, ILogger<WebhookReceiptPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                LogPruned(logger, await idempotency.PruneAsync(stoppingToken));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next tick tries again; a missed prune only keeps rows a little longer.
                LogFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} webhook receipts")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning webhook receipts failed")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
