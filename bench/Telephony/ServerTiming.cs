using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;

namespace Outreach.Telephony.Bench;

/// <summary>
/// Records the server's own time per request path, from the first middleware to the response's end, and for each
/// request what happened meanwhile on its thread: whether the kernel preempted it (an involuntary context switch),
/// whether it blocked (a voluntary one), whether a garbage collection ran, whether it finished on another thread (an
/// await that truly yielded), and the bytes it allocated. Those are read outside the timed span, alike for every path.
/// </summary>
internal sealed partial class ServerTiming
{
    private const int ThreadUsage = 1; // RUSAGE_THREAD (Linux)

    private readonly ConcurrentDictionary<string, ConcurrentBag<ServerSample>> samples = new(StringComparer.Ordinal);

    public async Task MeasureAsync(HttpContext context, RequestDelegate next)
    {
        var thread = Environment.CurrentManagedThreadId;
        var collections = GC.CollectionCount(0);
        var before = ContextSwitches();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        await next(context);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var moved = thread != Environment.CurrentManagedThreadId;
        allocated = moved ? -1 : GC.GetAllocatedBytesForCurrentThread() - allocated;
        var after = ContextSwitches();
        samples.GetOrAdd(context.Request.Path, _ => []).Add(new ServerSample(
            elapsed,
            Preempted: !moved && after.Involuntary > before.Involuntary,
            Blocked: !moved && after.Voluntary > before.Voluntary,
            DuringGc: GC.CollectionCount(0) != collections,
            Moved: moved,
            Allocated: allocated));
    }

    /// <summary>The samples of <paramref name="path"/> so far, sorted by time; they are removed.</summary>
    public ServerSample[] Take(string path) => samples.TryRemove(path, out var bag) ? [.. bag.OrderBy(s => s.Milliseconds)] : [];

    /// <summary>Why the turns over <paramref name="milliseconds"/> were slow, as counts.</summary>
    public static string SlowTurns(ServerSample[] samples, double milliseconds)
    {
        var slow = samples.Where(s => s.Milliseconds > milliseconds).ToArray();
        if (!OperatingSystem.IsLinux())
        {
            return string.Create(CultureInfo.InvariantCulture, $"{slow.Length} ({slow.Count(s => s.DuringGc)} during a GC)");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{slow.Length} ({slow.Count(s => s.Preempted)} preempted by the kernel, {slow.Count(s => s.DuringGc)} during a GC, {slow.Count(s => s.Blocked)} blocked, {slow.Count(s => s.Moved)} resumed on another thread, {slow.Count(s => !s.Preempted && !s.DuringGc && !s.Blocked && !s.Moved)} none of these)");
    }

    private static (long Voluntary, long Involuntary) ContextSwitches() =>
        OperatingSystem.IsLinux() && GetResourceUsage(ThreadUsage, out var usage) == 0 ? (usage.VoluntarySwitches, usage.InvoluntarySwitches) : (0, 0);

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResident, SharedMemory, UnsharedData, UnsharedStack, MinorFaults, MajorFaults, Swaps, BlockInputs, BlockOutputs, MessagesSent, MessagesReceived, Signals;
        public long VoluntarySwitches, InvoluntarySwitches;
    }
}
