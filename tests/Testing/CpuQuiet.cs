using System.Diagnostics;

namespace Outreach.Testing;

/// <summary>
/// Waits for processes to go quiet (their callbacks, the JIT's background compilation, the GC's background work done),
/// so a measurement does not pay for the work the one before it left behind.
/// </summary>
public static class CpuQuiet
{
    /// <summary>Returns once <paramref name="cpuTime"/> grew by under 5% of one core over a whole <paramref name="window"/>, or at <paramref name="timeout"/>.</summary>
    public static async Task UntilQuietAsync(Func<TimeSpan> cpuTime, TimeSpan window, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(cpuTime);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            var before = cpuTime();
            await Task.Delay(window);
            if (cpuTime() - before < window / 20)
            {
                return;
            }
        }
    }

    /// <summary>
    /// When the processes stopped working: <paramref name="clock"/>'s reading at the end of the last <paramref name="slot"/>
    /// in which <paramref name="cpuTime"/> grew by <paramref name="busyCores"/> cores or more, once none has for
    /// <paramref name="quietFor"/> (or at <paramref name="timeout"/>). Set <paramref name="busyCores"/> well above what
    /// the processes use idle (timers, polling, a collection): a slot that one of those fills counts as busy.
    /// </summary>
    public static async Task<TimeSpan> BusyUntilAsync(Func<TimeSpan> cpuTime, Stopwatch clock, TimeSpan slot, double busyCores, TimeSpan quietFor, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(cpuTime);
        ArgumentNullException.ThrowIfNull(clock);
        var lastBusy = clock.Elapsed;
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout && clock.Elapsed - lastBusy < quietFor)
        {
            var before = cpuTime();
            await Task.Delay(slot);
            if (cpuTime() - before >= slot * busyCores)
            {
                lastBusy = clock.Elapsed;
            }
        }

        return lastBusy;
    }
}
