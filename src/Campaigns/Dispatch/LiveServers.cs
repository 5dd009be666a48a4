using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// How many server processes share the campaign work, from Hangfire's monitoring API: servers with a recent
/// heartbeat, counted once per process (Hangfire names a server machine:process:guid). Read again at most every
/// Campaigns:ServerCountSeconds; at least 1. See docs/decisions/0008.
/// </summary>
public sealed class LiveServers(IServiceProvider services, IOptions<CampaignOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset readAt = DateTimeOffset.MinValue;
    private int count = 1;

    public int Count
    {
        get
        {
            var now = time.GetUtcNow();
            lock (gate)
            {
                if (now - readAt >= TimeSpan.FromSeconds(options.Value.ServerCountSeconds))
                {
                    count = Read(now);
                    readAt = now;
                }

                return count;
            }
        }
    }

    private int Read(DateTimeOffset now)
    {
        // Without Hangfire storage (a benchmark, a tool) this process is the only sender.
        if (services.GetService<JobStorage>() is not { } storage)
        {
            return 1;
        }

        var since = now.UtcDateTime - TimeSpan.FromSeconds(options.Value.ServerHeartbeatSeconds);
        var processes = storage.GetMonitoringApi().Servers()
            .Where(s => (s.Heartbeat ?? s.StartedAt) >= since)
            .Select(s => ProcessOf(s.Name))
            .Distinct(StringComparer.Ordinal)
            .Count();
        return Math.Max(1, processes);
    }

    private static string ProcessOf(string serverName)
    {
        var last = serverName.LastIndexOf(':');
        return last > 0 ? serverName[..last] : serverName;
    }
}
