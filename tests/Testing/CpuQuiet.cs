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
}
