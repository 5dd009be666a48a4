using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Telephony.Relay;

namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Every hour, forgets idempotency tokens older than Twilio:IdempotencyRetention (24 h by default) and calls handed to
/// ConversationRelay over two hours ago whose session did not end on a server that forgot them.
/// </summary>
internal sealed partial class TelephonyPruner(WebhookIdempotency idempotency, RelayCalls relayCalls, TimeProvider time, ILogger<TelephonyPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                LogPruned(logger, await idempotency.PruneAsync(stoppingToken), await relayCalls.PruneAsync(stoppingToken));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next tick tries again; a missed prune only keeps rows a little longer.
                LogFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Receipts} webhook receipts and {RelayCalls} relay calls")]
    private static partial void LogPruned(ILogger logger, int receipts, int relayCalls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning webhook receipts and relay calls failed")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
