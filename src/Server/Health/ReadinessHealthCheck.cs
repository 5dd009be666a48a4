using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Outreach.Server.Startup;

namespace Outreach.Server.Health;

/// <summary>Healthy once the schemas are migrated and Hangfire's storage answers with a live server.</summary>
public sealed class ReadinessHealthCheck(ReadinessState readiness, JobStorage jobStorage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("database migrations have not finished"));
        }

        try
        {
            var servers = jobStorage.GetMonitoringApi().Servers();
            return Task.FromResult(servers.Count > 0
                ? HealthCheckResult.Healthy($"{servers.Count} Hangfire server(s)")
                : HealthCheckResult.Unhealthy("no Hangfire server is running yet"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer", ex));
        }
    }
}
