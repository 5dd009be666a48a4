using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>Forgets, every minute (or more often for a shorter window), the messages and calls that ended longer ago than Emulator:Retention.</summary>
internal sealed class EmulatorRetention(EmulatorStore store, IOptions<EmulatorOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        if (retention <= TimeSpan.Zero)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 2, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.Forget(time.GetUtcNow() - retention);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
