namespace Outreach.Server.Jobs;

/// <summary>Hangfire settings (configuration section "Jobs").</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Workers in this process; dispatch jobs are I/O bound, so more than cores.</summary>
    public int WorkerCount { get; set; } = 20;

    /// <summary>How often an idle worker polls the SQLite queue. PostgreSQL uses its own notifications.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Run the Hangfire server in this process (false for an API-only node).</summary>
    public bool RunServer { get; set; } = true;
}
