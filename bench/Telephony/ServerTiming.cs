using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Outreach.Telephony.Bench;

/// <summary>Records the server's own time per request path, from the first middleware to the response's end.</summary>
internal sealed class ServerTiming
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> samples = new(StringComparer.Ordinal);

    public async Task MeasureAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        samples.GetOrAdd(context.Request.Path, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public double[] Take(string path) => samples.TryRemove(path, out var bag) ? [.. bag.Order()] : [];
}
