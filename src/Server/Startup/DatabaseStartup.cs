using Microsoft.Extensions.Options;
using Outreach.Storage;

namespace Outreach.Server.Startup;

/// <summary>
/// Brings every module's schema up to date and seeds the demo street, before the Hangfire server and Kestrel
/// start (hosted services start in registration order, and this one is registered first).
/// </summary>
public sealed class DatabaseStartup(
    IServiceProvider services,
    IEnumerable<IDatabaseMigration> migrations,
    IEnumerable<IStartupSeed> seeds,
    IOptions<OutreachOptions> options,
    ReadinessState readiness,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var migration in migrations)
        {
            await migration.MigrateAsync(services, cancellationToken);
        }

        if (options.Value.SeedDemo)
        {
            foreach (var seed in seeds)
            {
                await seed.SeedAsync(services, cancellationToken);
            }
        }

        readiness.MarkReady();
        logger.LogInformation("Database ready ({Count} module schemas)", migrations.Count());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
